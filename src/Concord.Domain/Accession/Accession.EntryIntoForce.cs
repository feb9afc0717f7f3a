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
    /// of the day, where only a deposit counts as acting and silence is not consent. Returns when it entered into force,
    /// if it had by the end of <paramref name="asOf"/>: no later than the first day on which every Party of that day had
    /// certainly deposited, and no earlier than the last of the first days the Parties of the signature could have
    /// deposited on (the deposits' windows); the exact day when those meet, as when the deposit that completed it is exact.
    /// </summary>
    public DateWindow? EntryIntoForce(Body nato, LocalDate asOf)
    {
        // A recorded entry into force wins: deciding it checked that the deposits agree with it.
        if (RecordedInForce is { } recorded) return recorded.Date.HappenedBy(asOf) ? recorded.Date : null;
        return Computed(nato, asOf);
    }

    /// <summary>The entry into force as a source records it, if one does.</summary>
    public ProtocolEnteredIntoForce? RecordedInForce => Step<ProtocolEnteredIntoForce>(AccessionStep.ProtocolInForce);

    /// <summary>When <paramref name="party"/> deposited as far as the record shows: its own deposit, narrowed by the last deposit when it is the last Party.</summary>
    public DateWindow? DepositOf(MemberCode party) =>
        RecordedLast?.Party == party ? LastDeposit : TrackOf(party).Deposit?.Date;

    /// <summary>
    /// True when <paramref name="party"/> had certainly deposited by the end of <paramref name="day"/>: its own deposit
    /// dated by then, or the last Party's deposit dated by then (every other deposit came on or before it).
    /// </summary>
    public bool DepositedBy(MemberCode party, LocalDate day) =>
        DepositOf(party)?.HappenedBy(day) == true || LastDeposit?.HappenedBy(day) == true;

    /// <summary>The entry into force as the deposits alone give it (see <see cref="EntryIntoForce"/>).</summary>
    private DateWindow? Computed(Body nato, LocalDate asOf)
    {
        if (Protocol is not { } signed) return null;
        var from = signed.Date.Placed;
        var candidates = Tracks.Keys.Select(p => DepositOf(p)?.Latest).Append(LastDeposit?.Latest).OfType<LocalDate>()
            .Concat(nato.Seats.Select(s => s.Since))
            .Where(d => d >= from && d <= asOf).Distinct().Order();
        foreach (var day in candidates)
            if (DepositedUnanimously(nato, day)) return EarliestInForce(nato, from, day) is { } earliest ? DateWindow.Between(earliest, day) : DateWindow.OnOrBefore(day);
        return null;
    }

    /// <summary>
    /// The first day, from <paramref name="from"/> (the signature) to <paramref name="by"/>, on which every Party of that day
    /// could have deposited (none with a deposit whose window begins later) and the last deposit, where a source names it,
    /// could have been made: the protocol cannot have entered into force before it. Null when nothing but the signature
    /// bounds it.
    /// </summary>
    private LocalDate? EarliestInForce(Body nato, LocalDate from, LocalDate by)
    {
        var days = Tracks.Keys.Select(p => DepositOf(p)?.Earliest).Append(LastDeposit?.Earliest).OfType<LocalDate>()
            .Append(from).Where(d => d >= from && d <= by).Distinct().Order();
        foreach (var day in days)
            if (LastDeposit?.CertainlyNotBy(day) != true && PartiesOn(nato, day).All(p => DepositOf(p.Member)?.CertainlyNotBy(day) != true))
                return day == from && day != by ? null : day;
        return by;
    }

    private bool DepositedUnanimously(Body nato, LocalDate day)
    {
        var parties = PartiesOn(nato, day);
        if (parties.Count == 0) return false;
        var acts = parties.ToDictionary(p => p.Member, p => DepositedBy(p.Member, day) ? PositionKind.Concur : PositionKind.Undeclared);
        return Unanimity.Instance.Evaluate(new RuleInput(parties, acts)).Outcome.IsAdopted();
    }
}
