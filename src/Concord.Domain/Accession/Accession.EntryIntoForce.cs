using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Domain.Accession;

public sealed partial record Accession
{
    /// <summary>
    /// The Parties that must ratify on <paramref name="date"/>: every Ally seated that day except the candidate.
    /// The set is date-effective: an Ally that joins while the protocol is pending must ratify it too.
    /// </summary>
    public IReadOnlyList<Seat> PartiesOn(Body nato, LocalDate date) =>
        nato.EligibleOn(date).Where(s => s.Member != Candidate).ToList();

    /// <summary>
    /// "In force when every Party has deposited" (Protocol Art. II): the <see cref="Unanimity"/> rule over the Parties
    /// of the day, where only a deposit counts as acting and silence is not consent. Returns the first day, no later
    /// than <paramref name="asOf"/>, on which every Party of that day had deposited; exact when the deposit that
    /// completed it is exact, otherwise bounded ("on or before").
    /// </summary>
    public DateBound? EntryIntoForce(Body nato, LocalDate asOf)
    {
        // A recorded entry into force wins: deciding it checked that the deposits agree with it.
        if (RecordedInForce is { } recorded) return recorded.Date.HappenedBy(asOf) ? recorded.Date : null;
        return Computed(nato, asOf);
    }

    /// <summary>The entry into force as a source records it, if one does.</summary>
    public ProtocolEnteredIntoForce? RecordedInForce => Step<ProtocolEnteredIntoForce>(AccessionStep.ProtocolInForce);

    /// <summary>The entry into force as the deposits alone give it (see <see cref="EntryIntoForce"/>).</summary>
    private DateBound? Computed(Body nato, LocalDate asOf)
    {
        if (Protocol is not { } signed) return null;
        var candidates = Tracks.Values.Select(t => t.Deposit?.Date.Latest).OfType<LocalDate>()
            .Concat(nato.Seats.Select(s => s.Since))
            .Where(d => d >= signed.Date.Latest && d <= asOf).Distinct().Order();
        foreach (var day in candidates)
        {
            if (!DepositedUnanimously(nato, day)) continue;
            var completing = Tracks.Values.Select(t => t.Deposit).OfType<StageRecord>().Where(d => d.Date.Latest == day);
            return completing.Any(d => d.Date.IsExact) ? DateBound.On(day) : DateBound.OnOrBefore(day);
        }
        return null;
    }

    private bool DepositedUnanimously(Body nato, LocalDate day)
    {
        var parties = PartiesOn(nato, day);
        if (parties.Count == 0) return false;
        var acts = parties.ToDictionary(p => p.Member,
            p => TrackOf(p.Member).Deposit is { } d && d.Date.HappenedBy(day) ? PositionKind.Concur : PositionKind.Undeclared);
        return Unanimity.Instance.Evaluate(new RuleInput(parties, acts)).Outcome.IsAdopted();
    }
}
