using System.Collections.Immutable;
using System.Text.Json;
using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>A step on the timeline, with the instant it took effect and its version in the stream: what orders it among the others.</summary>
public sealed record TimelineStep(Instant Effective, int Version, StepView Step);

/// <summary>
/// A candidate's accession stream as facts, and its read model (<see cref="AccessionRow"/>): the folded state and the timeline.
/// </summary>
public static class AccessionStream
{
    public static Fact<IAccessionEvent> ToFact(StoredEvent row) =>
        new((IAccessionEvent)EventStore.Deserialize(row), row.Effective, row.StreamVersion);

    /// <summary>The steps among <paramref name="facts"/>, in the order of the timeline (<see cref="InTimelineOrder"/>).</summary>
    public static IReadOnlyList<TimelineStep> Timeline(IEnumerable<Fact<IAccessionEvent>> facts) =>
        InTimelineOrder(facts.Where(f => f.Event is AccessionStepRecorded).Select(f => new TimelineStep(f.Effective, f.Version, View((AccessionStepRecorded)f.Event))));

    /// <summary>
    /// In the order they took effect; within one day, the steps in the order of the path, a Party's stages in the order of
    /// its procedure, a withdrawal before them; then in the order they were recorded.
    /// </summary>
    public static IReadOnlyList<TimelineStep> InTimelineOrder(IEnumerable<TimelineStep> steps)
    {
        var all = steps.ToList();
        // A later record of the same act on the same date (its note, source or confidence stated anew, as a newer data pack
        // does) replaces the earlier record on the timeline, as it does in the fold; the log keeps both. A record with
        // another date is a correction, and stays on the timeline beside the one it corrects.
        var restated = all.Where(s => SlotOf(s.Step) is { } slot
            && all.Any(t => t.Version > s.Version && t.Step.Date == s.Step.Date && Equals(SlotOf(t.Step), slot))).ToHashSet();
        // A correction stated anew is still a correction: the record that replaces it keeps the label.
        var kept = all.Where(s => !restated.Contains(s)).Select(s => !s.Step.Corrects && restated.Any(r => r.Step.Corrects && r.Step.Date == s.Step.Date
            && Equals(SlotOf(r.Step), SlotOf(s.Step))) ? s with { Step = s.Step with { Corrects = true } } : s);
        return [.. kept.OrderBy(s => s.Effective).ThenBy(s => Rank(s.Step)).ThenBy(s => s.Version)];
    }

    /// <summary>What a step on the timeline is a record of (<see cref="Accession.SlotOf"/>, read from its view).</summary>
    private static object? SlotOf(StepView s) => s.Step switch
    {
        AccessionStep.Declaration or AccessionStep.RatificationWithdrawn => null,
        AccessionStep.Ratification => (s.Party, s.Stage),
        _ => s.Step,
    };

    /// <summary>The latest instant a step of <paramref name="facts"/> took effect; null with none (opening the file is bookkeeping, not history).</summary>
    public static Instant? LastEffective(IEnumerable<Fact<IAccessionEvent>> facts) =>
        facts.Where(f => f.Event is AccessionStepRecorded).Select(f => (Instant?)f.Effective).Max();

    /// <summary>The folded accession its read model holds.</summary>
    public static Accession State(AccessionRow row)
    {
        var stored = JsonSerializer.Deserialize<StoredAccession>(row.State, ConcordJson.Options)
            ?? throw new InvalidOperationException($"The accession of {row.Candidate} has no state.");
        var steps = stored.Steps.Select(s => (AccessionStepRecorded)(JsonSerializer.Deserialize(s.Payload, EventNames.TypeOf(s.Event), ConcordJson.Options)
            ?? throw new InvalidOperationException($"The accession of {row.Candidate} has an empty {s.Event}.")));
        var tracks = stored.Tracks.Select(t => new RatificationTrack(t.Party, t.Stages.ToImmutableDictionary(r => r.Stage), t.Withdrawn));
        return new Accession(stored.Candidate, stored.Name, steps.ToImmutableDictionary(Accession.StepOf), tracks.ToImmutableDictionary(t => t.Party));
    }

    /// <summary>The timeline its read model holds.</summary>
    public static IReadOnlyList<TimelineStep> Timeline(AccessionRow row) =>
        JsonSerializer.Deserialize<List<TimelineStep>>(row.Steps, ConcordJson.Options) ?? [];

    /// <summary>Writes the folded state, the timeline, the stream's version and its latest step's instant into the row.</summary>
    public static void Write(AccessionRow row, Accession state, IReadOnlyList<TimelineStep> timeline, int version, Instant? lastEffective)
    {
        row.Name = state.Name;
        row.State = Serialize(state);
        row.Steps = JsonSerializer.Serialize(timeline, ConcordJson.Options);
        row.Version = version;
        row.LastEffective = lastEffective;
    }

    /// <summary>
    /// The state as stored: each step under the stable name the log stores its event under (never a CLR type name), each
    /// Party's track; in a fixed order, so that the same state is always the same text.
    /// </summary>
    private static string Serialize(Accession state) => JsonSerializer.Serialize(new StoredAccession(state.Candidate, state.Name,
        [.. state.Steps.OrderBy(s => s.Key).Select(s => new StoredStep(EventNames.NameOf(s.Value), JsonSerializer.SerializeToElement(s.Value, s.Value.GetType(), ConcordJson.Options)))],
        [.. state.Tracks.Values.OrderBy(t => t.Party.Value, StringComparer.Ordinal)
            .Select(t => new StoredTrack(t.Party, [.. t.Stages.Values.OrderBy(r => r.Stage)], t.Withdrawn))]), ConcordJson.Options);

    private sealed record StoredAccession(MemberCode Candidate, string Name, IReadOnlyList<StoredStep> Steps, IReadOnlyList<StoredTrack> Tracks);

    private sealed record StoredStep(string Event, JsonElement Payload);

    private sealed record StoredTrack(MemberCode Party, IReadOnlyList<StageRecord> Stages, DateWindow? Withdrawn);

    private static (int, int) Rank(StepView s) => s.Step switch
    {
        AccessionStep.Ratification => ((int)AccessionStep.Ratification, (int)(s.Stage ?? 0)),
        AccessionStep.RatificationWithdrawn => ((int)AccessionStep.Ratification, -1),
        _ => ((int)s.Step, 0),
    };

    private static StepView View(AccessionStepRecorded e) => new(Accession.StepOf(e), e.Date,
        e switch { RatificationStageRecorded r => r.Party.Value, RatificationWithdrawn w => w.Party.Value, LastRatificationDeposited l => l.Party.Value, _ => null },
        (e as RatificationStageRecorded)?.Stage, (e as InvitationDecisionLinked)?.Decision, (e as InvitationExtended)?.Summit ?? (e as AllianceDeclared)?.Summit,
        e.Source, e.Confidence, e.Note, e.Corrects == true);
}
