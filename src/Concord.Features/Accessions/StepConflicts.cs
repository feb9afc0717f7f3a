using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>A row of a file of steps, read: its place in the file, its line (or entry number), its command and the event it records.</summary>
public sealed record StepRow(int Index, int Line, RecordAccessionStepCommand Command, AccessionStepRecorded Event);

/// <summary>
/// What is wrong between the rows of one file, found before any is checked against the path, so that each fault is
/// blamed on the row that causes it rather than on the row that happens to be checked later:
/// <list type="bullet">
/// <item>two rows for one step (or one Party's stage) with different dates: the second is refused unless it corrects
/// the first (<c>corrects</c>, with its own source); a row corrected further down the file is superseded (never checked
/// nor recorded: the file itself says its date is wrong);</item>
/// <item>a Party's stages out of its procedure's order (a deposit before its approval, a signature before the vote): the
/// later act in the procedure is refused;</item>
/// <item>one date that contradicts several rows (a protocol's signature dated after the ratifications that need it)
/// is the one refused: one wrong date is one error, not one per row it contradicts.</item>
/// </list>
/// </summary>
public static class StepConflicts
{
    /// <param name="Refused">The rows refused, by their place in the file.</param>
    /// <param name="Superseded">The rows a later row of the file corrects.</param>
    /// <param name="Correcting">The rows that correct an earlier row of the file.</param>
    public sealed record Found(IReadOnlyDictionary<int, Refusal> Refused, IReadOnlySet<int> Superseded, IReadOnlySet<int> Correcting);

    public static Found Find(IReadOnlyList<StepRow> rows, IReadOnlyDictionary<MemberCode, RatificationProcedure> procedures, LocalDate today)
    {
        var refused = new Dictionary<int, Refusal>();
        var superseded = new HashSet<int>();
        var correcting = new HashSet<int>();
        Corrections(rows, refused, superseded, correcting);
        var live = rows.Where(r => !refused.ContainsKey(r.Index) && !superseded.Contains(r.Index)).ToList();
        Contradictions(live, procedures, today, refused);
        return new Found(refused, superseded, correcting);
    }

    private static void Corrections(IReadOnlyList<StepRow> rows, Dictionary<int, Refusal> refused, HashSet<int> superseded, HashSet<int> correcting)
    {
        foreach (var row in rows.Where(r => r.Command.Corrects && string.IsNullOrWhiteSpace(r.Command.Source)))
            refused[row.Index] = Refusal.Invalid("source", "A correction must name its own source: where the corrected date comes from.");
        foreach (var slot in rows.Where(r => !refused.ContainsKey(r.Index) && Accession.SlotOf(r.Event) is not null).GroupBy(r => Accession.SlotOf(r.Event)!))
        {
            StepRow? current = null;
            foreach (var row in slot.OrderBy(r => r.Index))
            {
                if (current is null || Renewed(rows, current, row)) { current = row; continue; }
                if (row.Event.Date == current.Event.Date) continue;
                if (!row.Command.Corrects)
                {
                    refused[row.Index] = new Refusal(RefusalKind.Conflict,
                        $"{What(row.Event)} is already given on line {current.Line} ({current.Event.Date}); a different date is refused unless the row "
                        + "corrects it (corrects: yes), with its own source.", "date");
                    continue;
                }
                foreach (var earlier in slot.Where(r => r.Index < row.Index)) superseded.Add(earlier.Index);
                correcting.Add(row.Index);
                current = row;
            }
        }
    }

    /// <summary>A stage after a withdrawal of the Party dated between the two is a new act, not a second record of the first.</summary>
    private static bool Renewed(IReadOnlyList<StepRow> rows, StepRow first, StepRow then) =>
        first.Event is RatificationStageRecorded stage && rows.Any(r => r.Event is RatificationWithdrawn w && w.Party == stage.Party
            && w.Date.Latest >= first.Event.Date.Latest && w.Date.Latest <= then.Event.Date.Latest);

    /// <summary>Pairs of rows that cannot both be right; the row in most pairs is refused, a tie going to the later act.</summary>
    private static void Contradictions(List<StepRow> rows, IReadOnlyDictionary<MemberCode, RatificationProcedure> procedures, LocalDate today,
        Dictionary<int, Refusal> refused)
    {
        var pairs = Pairs(rows, procedures).ToList();
        while (pairs.Count > 0)
        {
            var counts = pairs.SelectMany(p => new[] { p.First, p.Later }).CountBy(r => r.Index).ToDictionary();
            var most = pairs.SelectMany(p => new[] { p.First, p.Later }).DistinctBy(r => r.Index)
                .OrderByDescending(r => counts[r.Index]).ThenByDescending(r => pairs.Count(p => p.Later.Index == r.Index)).ThenByDescending(r => r.Index).First();
            var mine = pairs.Where(p => p.First.Index == most.Index || p.Later.Index == most.Index).ToList();
            // A step dated before the one it needs, on its own, is left to the path's own check, which names the step it needs.
            if (mine.Count > 1 || mine[0].Kind == Kind.Order)
                refused[most.Index] = Blame(most, mine, procedures, today);
            pairs.RemoveAll(mine.Contains);
        }
    }

    private enum Kind { Needs, Order }

    private sealed record Pair(StepRow First, StepRow Later, Kind Kind);

    /// <summary>
    /// Each pair of rows out of order: a step dated certainly before a step it needs (or follows), a Party's stage dated
    /// certainly before one that comes first in its procedure. Windows that overlap could be in either order, as the path
    /// itself judges them (<see cref="DateWindow.IsBefore"/>).
    /// </summary>
    private static IEnumerable<Pair> Pairs(List<StepRow> rows, IReadOnlyDictionary<MemberCode, RatificationProcedure> procedures)
    {
        foreach (var later in rows)
        {
            var step = later.Command.Step;
            foreach (var needed in new[] { Accession.Prerequisite(step), Accession.Follows(step) }.OfType<AccessionStep>())
                foreach (var first in rows.Where(r => r.Command.Step == needed && later.Event.Date.IsBefore(r.Event.Date)))
                    yield return new Pair(first, later, Kind.Needs);
            if (later.Event is not RatificationStageRecorded stage) continue;
            var procedure = procedures.GetValueOrDefault(stage.Party);
            foreach (var first in rows)
                if (first.Event is RatificationStageRecorded other && other.Party == stage.Party && Accession.ComesBefore(other.Stage, stage.Stage, procedure)
                    && stage.Date.IsBefore(other.Date))
                    yield return new Pair(first, later, Kind.Order);
        }
    }

    private static Refusal Blame(StepRow row, List<Pair> pairs, IReadOnlyDictionary<MemberCode, RatificationProcedure> procedures, LocalDate today)
    {
        if (row.Event.Date.Latest > today) return Refusal.Unprocessable($"{row.Event.Date} is in the future; Concord records what has happened.", "date");
        var others = pairs.Select(p => p.First.Index == row.Index ? p.Later : p.First).OrderBy(r => r.Line).ToList();
        var lines = string.Join(", ", others.Take(3).Select(o => $"line {o.Line} ({Short(o.Event)}, {o.Event.Date})")) + (others.Count > 3 ? $" and {others.Count - 3} more" : "");
        if (pairs.All(p => p.Kind == Kind.Needs))
            return pairs[0].First.Index == row.Index
                ? Refusal.Unprocessable($"{What(row.Event)} on {row.Event.Date} is after {others.Count} rows that need it first: {lines}.", "date")
                : Refusal.Unprocessable($"{What(row.Event)} on {row.Event.Date} is before what it needs first: {lines}.", "date");
        var procedure = row.Event is RatificationStageRecorded r ? procedures.GetValueOrDefault(r.Party) : null;
        var order = procedure is null ? "a deposit follows the national approval" : $"its procedure is {string.Join(", ", procedure.Stages.Select(Words.Of))}";
        return pairs.All(p => p.Later.Index == row.Index)
            ? Refusal.Unprocessable($"{What(row.Event)} on {row.Event.Date} is before {lines}, which comes first ({order}).", "date")
            : Refusal.Unprocessable($"{What(row.Event)} on {row.Event.Date} is after {lines}, which comes after it ({order}).", "date");
    }

    private static string What(AccessionStepRecorded e) => e switch
    {
        RatificationStageRecorded r => $"{r.Party}'s {Words.Of(r.Stage)}",
        RatificationWithdrawn w => $"{w.Party}'s withdrawal",
        _ => $"The step {Words.Of(Accession.StepOf(e))}",
    };

    private static string Short(AccessionStepRecorded e) => e is RatificationStageRecorded r ? $"{r.Party} {Words.Of(r.Stage)}" : Words.Of(Accession.StepOf(e));
}
