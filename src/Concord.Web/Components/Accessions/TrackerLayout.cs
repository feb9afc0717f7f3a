using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using NodaTime;
using NodaTime.Text;

namespace Concord.Web.Components.Accessions;

/// <summary>The words and columns of the ratification table: which national stages to show, how to write dates.</summary>
public static class TrackerWords
{
    /// <summary>The stage columns, in the order of a procedure: each stage some Party has a date for, and Deposit always.</summary>
    public static IReadOnlyList<RatificationStage> StageColumns(IEnumerable<PartyStatus> parties)
    {
        var present = parties.SelectMany(p => p.Stages).Select(s => s.Stage).ToHashSet();
        present.Add(RatificationStage.Deposit);
        return [.. Enum.GetValues<RatificationStage>().Where(present.Contains)];
    }

    public static string Stage(RatificationStage stage) => stage switch
    {
        RatificationStage.Committee => "Committee",
        RatificationStage.LowerHouse => "Lower house",
        RatificationStage.UpperHouse => "Upper house",
        RatificationStage.ParliamentaryApproval => "Parliament",
        RatificationStage.HeadOfStateSignature => "Head of state",
        RatificationStage.Publication => "Publication",
        RatificationStage.ExecutiveRatification => "Executive",
        RatificationStage.Deposit => "Deposit",
        _ => stage.ToString(),
    };

    /// <summary>What a stage column means, for its header's tooltip.</summary>
    public static string StageHelp(RatificationStage stage) => stage switch
    {
        RatificationStage.Committee => "A parliamentary committee reported on the protocol",
        RatificationStage.LowerHouse => "The lower (or only) house voted",
        RatificationStage.UpperHouse => "The upper house voted (US: Senate advice and consent)",
        RatificationStage.ParliamentaryApproval => "The parliamentary procedure ended (houses not told apart)",
        RatificationStage.HeadOfStateSignature => "The head of state signed the law or instrument",
        RatificationStage.Publication => "The law was published",
        RatificationStage.ExecutiveRatification => "The executive act that completes ratification",
        RatificationStage.Deposit => "The instrument was deposited with the United States Government",
        _ => stage.ToString(),
    };

    /// <summary>"2023-04-04"; for a date known only within a window "≤ 2020-03-19", "≥ 2020-03-19", "2009-01-13 – 2009-02-09" or "2009-03".</summary>
    public static string Short(DateWindow date) => date.ToShortString();

    /// <summary>Days from signature to the date shown, for a Party still to ratify.</summary>
    public static int? DaysSoFar(DateWindow? signed, LocalDate asOf) =>
        signed is { } s && asOf >= s.Placed ? Period.DaysBetween(s.Placed, asOf) : null;

    /// <summary>The expected stages a pending Party has no date for yet, in its procedure's order.</summary>
    public static IReadOnlyList<RatificationStage> StillExpected(PartyStatus party) =>
        [.. party.Procedure.Stages.Where(s => party.Stages.All(r => r.Stage != s))];

    public static string Step(AccessionStep step) => step switch
    {
        AccessionStep.Application => "Application for membership",
        AccessionStep.Declaration => "Alliance declaration or meeting",
        AccessionStep.MembershipActionPlan => "Membership Action Plan",
        AccessionStep.MapWaived => "Membership Action Plan waived",
        AccessionStep.InvitationDecision => "Invitation decision linked",
        AccessionStep.Invitation => "Invited to start accession talks",
        AccessionStep.AccessionTalks => "Accession talks",
        AccessionStep.ProtocolSigned => "Accession protocol signed",
        AccessionStep.Ratification => "Ratification stage",
        AccessionStep.RatificationWithdrawn => "Ratification withdrawn",
        AccessionStep.LastRatification => "Last to ratify (as recorded)",
        AccessionStep.ProtocolInForce => "Protocol in force (as recorded)",
        AccessionStep.InvitationToAccede => "Invited to accede",
        AccessionStep.CandidateApproval => "Candidate's own approval",
        AccessionStep.AccessionDeposited => "Instrument of accession deposited",
        _ => step.ToString(),
    };
}

/// <summary>How a Party's bar ends in the timeline chart.</summary>
public enum BarEnd
{
    /// <summary>The instrument was deposited.</summary>
    Deposited,
    /// <summary>Ratified nationally; no deposit date known.</summary>
    Ratified,
    /// <summary>Not ratified on the date shown: the bar runs to that date and stays open.</summary>
    Pending,
    /// <summary>Not known on the date shown (no ratification dated by then, none after it): no bar is drawn.</summary>
    NotKnown,
}

/// <summary>One Party's bar: from the protocol's signature to its deposit (or ratification, or the date shown).</summary>
/// <param name="Solid">The width of the part that is certain; beyond it, up to <paramref name="Width"/>, the end is only a bound.</param>
public sealed record GanttBar(MemberCode Party, string Name, double X, double Width, double Solid, BarEnd End, DateWindow? EndDate, string Label,
    LocalDate? SortDate = null)
{
    /// <summary>True when the end is known only as a bound: the chart fades the bar's end.</summary>
    public bool Bounded => EndDate is { IsExact: false };
}

/// <summary>An axis mark.</summary>
public sealed record GanttTick(double X, string Label);

/// <summary>
/// The geometry of the Gantt-like chart, in plot units (0 = signature, <see cref="Width"/> = the last end or the
/// date shown). Bars are ordered by when the Party ratified, pending Parties last, like the NATO PA tracker.
/// </summary>
public sealed record GanttLayout(LocalDate Start, LocalDate End, double Width, IReadOnlyList<GanttBar> Bars, IReadOnlyList<GanttTick> Ticks)
{
    public static GanttLayout? Build(AccessionStatus status, double width)
    {
        if (status.ProtocolSigned is not { } signed || status.Parties.Count == 0) return null;
        var start = signed.Placed;
        var ends = status.Parties.Select(p => p.Deposited ?? p.Ratified).OfType<DateWindow>().Select(d => d.Placed).ToList();
        var end = ends.Count == 0 ? status.AsOf : ends.Max();
        if (status.Parties.Any(p => p.Pending) && status.AsOf > end) end = status.AsOf;
        if (end <= start) end = start.PlusDays(1);
        var days = (double)Period.DaysBetween(start, end);
        double X(LocalDate d) => Math.Clamp(Period.DaysBetween(start, d) / days * width, 0, width);

        var bars = status.Parties
            .Select(p =>
            {
                var (kind, at) = p.NotKnown ? (BarEnd.NotKnown, (DateWindow?)null)
                    : p.Pending || (p.Deposited ?? p.Ratified) is null ? (BarEnd.Pending, (DateWindow?)null)
                    : p.Deposited is { } dep ? (BarEnd.Deposited, dep) : (BarEnd.Ratified, p.Ratified);
                var endX = kind == BarEnd.NotKnown ? 0 : at is { } a ? X(a.Placed) : X(status.AsOf);
                // Certain up to the last day it is known to have run to: the end itself, the national ratification before a
                // bounded deposit, or the first day of the end's window.
                var solid = kind is BarEnd.Pending or BarEnd.NotKnown || at is { IsExact: true } ? endX
                    : new[] { p.Ratified is { IsExact: true } r && r.Placed <= at!.Value.Placed ? r.Placed : (LocalDate?)null, at!.Value.Earliest }.Max() is { } sure ? X(sure) : 0;
                var label = kind switch
                {
                    BarEnd.Pending => TrackerWords.DaysSoFar(signed, status.AsOf) is { } n ? $"pending, {n} days" : "pending",
                    BarEnd.NotKnown => p.Window is { } w ? $"not known: ratified {w}" : "not known",
                    BarEnd.Deposited when p.Ratified is { } rat && rat != at => $"ratified {TrackerWords.Short(rat)}, deposited {TrackerWords.Short(at!.Value)}",
                    BarEnd.Deposited => "deposited " + TrackerWords.Short(at!.Value),
                    _ => "ratified " + TrackerWords.Short(at!.Value),
                };
                return new GanttBar(p.Party, p.Name, 0, endX, solid, kind, at, label, p.Ratified?.Placed ?? at?.Placed);
            })
            .OrderBy(b => b.End switch { BarEnd.Pending => 1, BarEnd.NotKnown => 2, _ => 0 }).ThenBy(b => b.SortDate).ThenBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
        return new GanttLayout(start, end, width, bars, MakeTicks(start, end, X));
    }

    /// <summary>First-of-month marks, spaced 1, 2, 3, 6, 12 or 24 months apart so that there are at most eight.</summary>
    private static List<GanttTick> MakeTicks(LocalDate start, LocalDate end, Func<LocalDate, double> x)
    {
        var months = (end.Year - start.Year) * 12 + end.Month - start.Month + 1;
        var step = new[] { 1, 2, 3, 6, 12, 24 }.FirstOrDefault(s => months / s <= 8, 24);
        var first = new LocalDate(start.Year, start.Month, 1).PlusMonths(1);
        if (step >= 12) first = new LocalDate(start.Year + 1, 1, 1);
        else while ((first.Month - 1) % step != 0) first = first.PlusMonths(1);
        var ticks = new List<GanttTick>();
        for (var d = first; d <= end; d = d.PlusMonths(step))
            ticks.Add(new GanttTick(x(d), step >= 12 ? d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) : LocalDatePattern.CreateWithInvariantCulture("MMM uuuu").Format(d)));
        return ticks;
    }
}
