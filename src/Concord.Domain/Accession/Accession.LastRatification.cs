using Concord.Domain.Members;

namespace Concord.Domain.Accession;

public sealed partial record Accession
{
    /// <summary>The Party a source names as the last to deposit, if one does.</summary>
    public LastRatificationDeposited? RecordedLast => Step<LastRatificationDeposited>(AccessionStep.LastRatification);

    /// <summary>
    /// When the last deposit was made, where a source names the last Party: the window it gives, narrowed by that Party's
    /// own deposit where one is recorded. Every other Party had deposited by then.
    /// </summary>
    public DateWindow? LastDeposit => RecordedLast is { } last ? TrackOf(last.Party).Deposit?.Date.Intersect(last.Date) ?? last.Date : null;

    /// <summary>Once a Party is recorded as the last to deposit, no other Party's deposit or approval can come after that deposit, nor its own deposit on another day.</summary>
    private Refusal? AfterTheLast(RatificationStageRecorded r, LastRatificationDeposited named, string act, Body nato)
    {
        var last = LastDeposit!.Value;
        var lastName = PartyName(nato, named.Party);
        if (r.Party != named.Party)
            return last.IsBefore(r.Date) && CheckParty(r.Party, last.Placed, nato) is null
                ? Refusal.Unprocessable($"{lastName} is recorded as the last Party to deposit ({last}): {PartyName(nato, r.Party)} cannot {act} {r.Date.ToPhrase()}, after that.", "date")
                : null;
        if (r.Stage == RatificationStage.Deposit && r.Date.Intersect(named.Date) is null)
            return Refusal.Unprocessable($"{lastName}'s deposit is recorded as the last, {named.Date.ToPhrase()}; it cannot be {r.Date.ToPhrase()}.", "date");
        return r.Stage.IsApproval() && last.IsBefore(r.Date)
            ? Refusal.Unprocessable($"{lastName}'s deposit, the last, is recorded {last.ToPhrase()}: its approval cannot come after it, {r.Date.ToPhrase()}.", "date")
            : null;
    }

    /// <summary>
    /// The last Party to deposit must be a Party that day (an Ally, not the candidate), with a deposit that can fall in the
    /// window given and after its own approval; no other Party of the day may have a deposit or an approval dated after it,
    /// and it cannot come after a recorded entry into force.
    /// </summary>
    private Refusal? CheckLast(LastRatificationDeposited l, Body nato)
    {
        if (Requires(l, AccessionStep.ProtocolSigned, "the signature of the accession protocol") is { } missing) return missing;
        if (l.Party != Candidate && nato.Find(l.Party) is null) return Refusal.Unprocessable($"'{l.Party}' is not an Ally, so not a Party to the protocol: it cannot be the last to ratify.", "party");
        if (CheckParty(l.Party, l.Date.Placed, nato) is { } notParty) return notParty;
        var named = PartyName(nato, l.Party);
        var track = TrackOf(l.Party);
        if (track.Deposit is { } own && own.Date.Intersect(l.Date) is null)
            return Refusal.Unprocessable($"{named}'s deposit is recorded {own.Date.ToPhrase()}; the last deposit cannot be {l.Date.ToPhrase()}.", "date");
        var last = track.Deposit?.Date.Intersect(l.Date) ?? l.Date;
        if (track.Stages.Values.FirstOrDefault(s => s.Stage.IsApproval() && last.IsBefore(s.Date)) is { } approval)
            return Refusal.Unprocessable($"{named}'s national approval ({approval.Stage}) is recorded {approval.Date.ToPhrase()}: its deposit cannot come before it, {last.ToPhrase()}.", "date");
        foreach (var party in PartiesOn(nato, last.Placed).Where(p => p.Member != l.Party))
        {
            var other = TrackOf(party.Member);
            var later = other.Deposit is { } d && last.IsBefore(d.Date) ? d
                : other.Stages.Values.Where(s => s.Stage.IsApproval() && last.IsBefore(s.Date)).MaxBy(s => s.Date.Placed);
            if (later is not null)
                return Refusal.Unprocessable($"{party.Name}'s {(later.Stage == RatificationStage.Deposit ? "deposit" : "approval")} is recorded {later.Date.ToPhrase()}, after {named}'s deposit ({last}): {named} cannot have been the last Party to deposit.", "party");
        }
        return RecordedInForce is { } inForce && inForce.Date.IsBefore(last)
            ? Refusal.Unprocessable($"The protocol is recorded in force {inForce.Date.ToPhrase()}, when every Party had deposited: the last deposit cannot be {last.ToPhrase()}.", "date")
            : null;
    }
}
