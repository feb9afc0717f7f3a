using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Accession;

public sealed partial record Accession
{
    /// <summary>
    /// Where the accession stands at the end of <paramref name="asOf"/>: the Parties of that day and their tracks,
    /// who is pending and for how long, entry into force, membership, the spread of ratification times and the
    /// critical path. Pass a state replayed to the same date, the Parties' configured procedures if any, and the state
    /// with every fact recorded since (<paramref name="known"/>, default this one): an act dated after the date is what
    /// shows a Party was still pending on it; without one, a Party with no ratification by then is not known.
    /// </summary>
    public AccessionStatus Evaluate(Body nato, LocalDate asOf, IReadOnlyDictionary<MemberCode, RatificationProcedure>? procedures = null,
        Accession? known = null)
    {
        known ??= this;
        var signed = Protocol?.Date;
        var inForce = EntryIntoForce(nato, asOf);
        var partyDay = inForce?.Latest ?? asOf;
        var rows = signed is null ? [] : PartiesOn(nato, partyDay)
            .Select(seat => Row(seat, signed.Value, asOf, procedures?.GetValueOrDefault(seat.Member) ?? RatificationProcedure.Default(seat.Member), known, inForce)).ToList();
        var pending = rows.Where(r => r.Pending).Select(r => r.Party).ToList();
        var notKnown = rows.Where(r => r.NotKnown).Select(r => r.Party).ToList();
        var member = Membership is { } m && m.Date.HappenedBy(asOf) ? m.Date : (DateWindow?)null;
        var ratified = rows.Where(r => r.Ratified is { } d && d.HappenedBy(asOf)).ToList();
        // A source naming the last Party counts once its deposit had certainly happened; until then the dates decide.
        var named = RecordedLast is { } l && LastDeposit!.Value.HappenedBy(asOf) && ratified.Any(r => r.Party == l.Party) ? l.Party : (MemberCode?)null;
        var path = CriticalPath(ratified, named);
        var last = ratified.Count == rows.Count && path.Count > 0 ? path[0].Party : (MemberCode?)null;
        var daysPending = signed is { } s && pending.Count > 0 ? Period.Between(s.Placed, asOf, PeriodUnits.Days).Days : (int?)null;
        var status = new AccessionStatus(Candidate, Name, asOf, StageName(signed, inForce, member), signed, rows, ratified.Count, pending,
            daysPending, notKnown, inForce, member, last, Spread(rows), path, "", "");
        return status with { Summary = Summarize(status, nato), NextStep = Next(status, nato) };
    }

    /// <summary>
    /// One Party's row: its stages dated by the date, when it ratified and deposited, the days it took (exact dates only) and
    /// its state (see <see cref="RatificationState"/>). A Party whose ratification is dated only later, or within a window
    /// the date falls in, is learnt from <paramref name="known"/>: the state with the facts recorded since.
    /// </summary>
    private PartyStatus Row(Seat seat, DateWindow signed, LocalDate asOf, RatificationProcedure procedure, Accession known, DateWindow? inForce)
    {
        var track = TrackOf(seat.Member);
        var stages = track.Stages.Values.Where(s => s.Date.HappenedBy(asOf)).OrderBy(s => s.Date.Placed).ThenBy(s => s.Stage).ToList();
        // Treaty logic, a bound and never a day, for a Party whose own deposit the sources do not date: a protocol in force (as a
        // source records it) means every Party of that day had deposited by then, and so does the last Party's deposit.
        var forced = new[] { inForce?.Latest, LastDeposit is { } l && l.HappenedBy(asOf) ? l.Latest : null }.Min() is { } bound
            ? DateWindow.OnOrBefore(bound) : (DateWindow?)null;
        var ownDeposit = DepositOf(seat.Member) is { } d && d.HappenedBy(asOf) ? d : (DateWindow?)null;
        var deposited = ownDeposit ?? forced;
        var ratified = track.Ratified is { } r && r.HappenedBy(asOf) ? r
            // Without an approval, its deposit is its ratification (the last Party's as the record narrows it); with approvals
            // not yet dated by then, the deposit only bounds them.
            : ownDeposit is { } own && track.Approval is null ? (DateWindow?)own
            : deposited is { Latest: { } by } ? DateWindow.OnOrBefore(by) : null;
        // Counted from when the Party could first act: the signature, or for an Ally that joined while the protocol was
        // pending, the day it joined (it could not ratify before it was a Party). A window is never counted as a day.
        var from = seat.Since > signed.Placed ? seat.Since : signed.Placed;
        var days = ratified is { IsExact: true } exact && (signed.IsExact || seat.Since > signed.Placed) ? Period.Between(from, exact.Placed, PeriodUnits.Days).Days : (int?)null;
        var later = known.RatifiedOf(seat.Member);
        var (state, window) = ratified is { IsExact: true } ? (RatificationState.Ratified, (DateWindow?)null)
            : ratified is not null ? (RatificationState.RatifiedByBound, null)
            // A withdrawn ratification not yet renewed is known not to stand.
            : track.IsWithdrawnAndNotRenewed || known.ShownNotDoneBy(seat.Member, asOf) ? (RatificationState.Pending, null)
            : later is { } w && w.Straddles(asOf) ? (RatificationState.InWindow, w)
            : (RatificationState.NotKnown, null);
        return new PartyStatus(seat.Member, seat.Name, stages, ratified, deposited, days, state, procedure, window);
    }

    /// <summary>When <paramref name="party"/>'s ratification was complete as far as the record shows: its approvals, else its deposit (the last Party's as narrowed).</summary>
    private DateWindow? RatifiedOf(MemberCode party)
    {
        var track = TrackOf(party);
        if (track.IsWithdrawnAndNotRenewed) return null;
        return track.Approval is null ? DepositOf(party) : track.Ratified;
    }

    /// <summary>
    /// True when the record shows <paramref name="party"/> had not ratified by the end of <paramref name="date"/>: its
    /// ratification (the approval, or failing one the deposit) or a vote or signature of its procedure is dated after that
    /// day, certainly (a window that begins after it). A bound or a window that could have fallen earlier shows nothing.
    /// </summary>
    private bool ShownNotDoneBy(MemberCode party, LocalDate date) =>
        RatifiedOf(party)?.CertainlyNotBy(date) == true
        || TrackOf(party).Stages.Values.Any(s => s.Stage.IsApproval() && s.Date.CertainlyNotBy(date));

    private static RatificationSpread Spread(IReadOnlyList<PartyStatus> rows)
    {
        var days = rows.Select(r => r.DaysToRatify).OfType<int>().Order().ToList();
        if (days.Count == 0) return new RatificationSpread(0, null, null, null, 0, 0, 0);
        var median = days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2.0;
        return new RatificationSpread(days.Count, median, days[0], days[^1], days.Count(d => d <= 30), days.Count(d => d <= 90), days.Count(d => d <= 180));
    }

    /// <summary>
    /// The last Parties to ratify, latest first: each held up completion by the days between it and the Party before
    /// it. The chain stops where the order is not known: at a Party known only by a bound ("on or before") or a window, or
    /// a tie, since any of those could have come later. Empty when even the last ratifier is not known, unless a source
    /// names it (<paramref name="named"/>): it then comes first, with its days only where the dates prove them.
    /// </summary>
    private static IReadOnlyList<Holdout> CriticalPath(IReadOnlyList<PartyStatus> ratified, MemberCode? named)
    {
        var ordered = ratified.OrderByDescending(r => r.Ratified!.Value.Placed).ThenBy(r => r.Ratified!.Value.IsExact ? 1 : 0).ToList();
        if (named is { } last && ordered.FindIndex(r => r.Party == last) is > 0 and var at)
        {
            var row = ordered[at];
            ordered.RemoveAt(at);
            ordered.Insert(0, row);
        }
        var path = new List<Holdout>();
        for (var i = 0; i < ordered.Count && path.Count < 3; i++)
        {
            var current = ordered[i].Ratified!.Value;
            var next = i + 1 < ordered.Count ? ordered[i + 1].Ratified : null;
            // The Party a source names as last came after the one before it even on the same day.
            var after = i == 0 && named is not null ? next?.Placed <= current.Placed : next?.Placed < current.Placed;
            if (!current.IsExact || next is { } n && (!n.IsExact || after != true))
            {
                if (i == 0 && named is not null) path.Add(new Holdout(ordered[0].Party, ordered[0].Name, current, null));
                break;
            }
            var delay = next is { } before ? Period.Between(before.Placed, current.Placed, PeriodUnits.Days).Days : 0;
            path.Add(new Holdout(ordered[i].Party, ordered[i].Name, current, delay, i + 1 < ordered.Count ? ordered[i + 1].Name : null));
        }
        return path;
    }

    private string StageName(DateWindow? signed, DateWindow? inForce, DateWindow? member) =>
        member is not null ? "member" : inForce is not null ? "protocol in force" : signed is not null ? "ratification"
        : Steps.ContainsKey(AccessionStep.Invitation) ? "invited" : Steps.ContainsKey(AccessionStep.Application) ? "applied" : "aspirant";

    private string Summarize(AccessionStatus s, Body nato)
    {
        if (s.MemberSince is { } since) return since.IsExact ? $"{Name} has been an Ally since {since}." : $"{Name} became an Ally {since}.";
        if (s.ProtocolSigned is null) return $"As of {s.AsOf:yyyy-MM-dd}, {Name} has no accession protocol.";
        var head = $"As of {s.AsOf:yyyy-MM-dd}, {s.RatifiedCount} of {s.Parties.Count} Parties had ratified{HowKnown(s)}";
        if (s.Pending.Count == 0 && s.NotKnown.Count == 0) return head + InForceWords(s.EnteredIntoForce) + ".";
        var names = s.Pending.Select(p => nato.Find(p)?.Name ?? p.Value).ToList();
        var pending = s.Pending.Count > 0 ? $"; {Join(names)} pending for {s.DaysPending} days" : "";
        return $"{head}{pending}{NotKnownWords(s)}.";
    }

    /// <summary>
    /// How the ratifications counted are known, when not all from an official record: " (8 of them as reported, 1
    /// inferred)". Each Party counts by the record its ratification date comes from (the weakest of its approvals and
    /// deposit when the date combines several); one known only by treaty logic (a bound forced by the protocol's entry
    /// into force or the last deposit) is inferred. The sentence is then no stronger than
    /// its facts (docs/confidence.md).
    /// </summary>
    private static string HowKnown(AccessionStatus s)
    {
        var levels = s.Parties.Where(p => p.State is RatificationState.Ratified or RatificationState.RatifiedByBound)
            .Select(p => p.Stages.LastOrDefault(st => st.Date == p.Ratified) is { } record ? ConfidenceWords.Read(record.Confidence)
                : p.Stages.Where(st => st.Stage.IsApproval() || st.Stage == RatificationStage.Deposit).ToList() is { Count: > 0 } own
                    ? ConfidenceWords.Weakest(own.Select(st => ConfidenceWords.Read(st.Confidence)))
                    : Confidence.Inferred)
            .Where(level => level != Confidence.Official)
            .GroupBy(level => level).OrderBy(g => g.Key is { } k ? (int)k : int.MaxValue)
            .Select(g => (Count: g.Count(), Words: g.Key switch
            {
                Confidence.Reported => "as reported",
                Confidence.Claimed => "as claimed",
                Confidence.Derived => "derived",
                Confidence.Inferred => "inferred",
                Confidence.Approximate => "approximately dated",
                _ => "unlabelled",
            })).ToList();
        if (levels.Count == 0) return "";
        return " (" + string.Join(", ", levels.Select((l, i) => i == 0 ? $"{l.Count} of them {l.Words}" : $"{l.Count} {l.Words}")) + ")";
    }

    private static string InForceWords(DateWindow? inForce) => inForce switch
    {
        null => "",
        { IsExact: true } f => $"; the protocol has been in force since {f}",
        { } f => $"; the protocol entered into force {f}",
    };

    private static string NotKnownWords(AccessionStatus s) => s.NotKnown.Count switch
    {
        0 => "",
        1 => "; for 1 Party the sources date no ratification by then (not known)",
        var n => $"; for {n} Parties the sources date no ratification by then (not known)",
    };

    private string Next(AccessionStatus s, Body nato) => s.Stage switch
    {
        "member" => "None: the accession is complete.",
        "protocol in force" => Steps.ContainsKey(AccessionStep.InvitationToAccede)
            ? $"{Name} deposits its instrument of accession with the US Government."
            : $"The Secretary General invites {Name} to accede; {Name} then deposits its instrument of accession.",
        "ratification" => s.Pending.Count > 0
            ? $"Ratification by {Join(s.Pending.Select(p => nato.Find(p)?.Name ?? p.Value).ToList())}"
              + (s.NotKnown.Count > 0 ? " (and by any of the Parties not known to have ratified)" : "") + ", then every deposit with the depositary."
            : s.NotKnown.Count > 0
                ? "Ratification by any Party not known to have ratified, then every deposit with the depositary."
                : "Deposit of the remaining instruments of acceptance with the depositary.",
        "invited" => "Accession talks and the signature of the accession protocol by the Allies.",
        _ => Step<InvitationDecisionLinked>(AccessionStep.InvitationDecision) is { } d
            ? $"A political invitation: the Council decision '{d.Decision}' must be adopted by consensus."
            : "A political invitation by consensus of the Allies.",
    };

    private static string Join(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
