using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// A judgment as the API and the pages show it: whose move, how likely by when, why and from what source, by whom and on
/// which day it was made, and its marking. An analyst's judgment, never a fact.
/// </summary>
public sealed record JudgmentView(string Decision, string Member, string Name, double Probability, LocalDate By, string Rationale, string Source,
    Instant Made, string RecordedBy, Instant Recorded, string Classification);

/// <summary>
/// Records an analyst's judgment of one member's chance of moving to concur on a decision by a date
/// (<see cref="JudgmentRecorded"/>), in the decision's own stream of judgments: the decision's version does not move and
/// no rule reads it. Marked like a position: the decision's marking unless the writer marks it higher, never lower.
/// Refused, with nothing stored: a probability outside [0, 1], a member not seated in the decision's body on the day the
/// judgment is made, a decision already concluded (422); a decision the writer may not see is answered as unknown.
/// </summary>
public static class RecordJudgment
{
    /// <param name="Probability">The chance, from 0 to 1, that the member concurs by <paramref name="By"/>.</param>
    /// <param name="By">The day the chance is stated for (YYYY-MM-DD), after the day the judgment is made.</param>
    /// <param name="Made">When the judgment was made (a day or an instant); now when absent.</param>
    /// <param name="Classification">Its marking; the decision's when absent, never lower.</param>
    public sealed record Request(string? Member = null, double? Probability = null, string? By = null, string? Rationale = null, string? Source = null,
        string? Made = null, string? Classification = null);

    public const int MaxRationale = 2000;

    public static async Task<Result<JudgmentView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, Request r, WriteContext who, CancellationToken ct)
    {
        if (!Access.Access.Allows(who.Actor, Permission.RecordJudgment))
            return Refusal.Forbidden("Only the secretariat and analysts record judgments.");
        var now = clock.GetCurrentInstant();
        var member = Input.Member(r.Member, "member");
        if (member.Refusal is { } m) return m;
        if (r.Probability is not { } probability) return Refusal.Invalid("probability", "'probability' is required: the chance, from 0 to 1, that the member concurs by 'by'.");
        if (!double.IsFinite(probability) || probability is < 0 or > 1)
            return Refusal.Unprocessable($"'probability' is a chance from 0 to 1; got {probability.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", "probability");
        var made = r.Made is null ? new Result<Instant>(now, null) : Input.PastInstant(r.Made, "made", now);
        if (made.Refusal is { } md) return md;
        var madeDay = Zones.BrusselsDate(made.Value);
        var by = Input.AheadDate(r.By, "by", Zones.BrusselsDate(now));
        if (by.Refusal is { } b) return b;
        if (by.Value <= madeDay)
            return Refusal.Unprocessable($"'by' ({by.Value:yyyy-MM-dd}) must come after the day the judgment is made ({madeDay:yyyy-MM-dd}): a judgment looks ahead.", "by");
        var rationale = Input.Text(r.Rationale, "rationale", MaxRationale, required: true);
        if (rationale.Refusal is { } ra) return ra;
        var source = Input.Source(r.Source, "source", 2000);
        if (source.Refusal is { } so) return so;
        if (source.Value is null) return Refusal.Invalid("source", "'source' is required: what the judgment rests on (a source's id or a link).");
        if (await Sources.SourceBook.Check(db, source.Value, "source", ct) is { } uncited) return uncited;
        var marking = DecisionMarkings.Parse(r.Classification, "classification");
        if (marking.Refusal is { } mk) return mk;

        return await EventStore.Serialized(async () =>
        {
            var current = await CurrentDecisions.LoadForWriting(db, id, ct);
            if (current is null || current.SightOf(who.Actor) == DecisionSight.Invisible) return DecisionStream.NoSuch(id);
            var stream = StreamIds.Judgments(id);
            var log = new EventStore(db);
            if (who.IdempotencyKey is { } key)
                switch (await log.Spent(key, ct))
                {
                    case KeySpent.BySameRequest: return await Stored(db, id, key.Value, await Bodies.Load(db, current.State.Body, ct), ct);
                    case KeySpent.ByAnotherRequest: return EventStore.KeySpentByAnotherRequest();
                }
            if (current.State.IsSettled(now))
                return Refusal.Unprocessable($"Decision '{id}' is concluded: its outcome is a fact, and a judgment of how it may go is no longer taken.", "id");
            var body = await Bodies.Load(db, current.State.Body, ct);
            if (body?.EligibleOn(madeDay).Any(s => s.Member == member.Value) != true)
                return Refusal.Unprocessable($"{member.Value} is not a member of {body?.Name ?? current.State.Body} on {madeDay:yyyy-MM-dd}, the day the judgment is made.", "member");
            var classification = marking.Value ?? current.Marking;
            if (DecisionMarkings.RefusePosition(classification, current.Marking) is { } below) return below;
            if (!who.Actor.CanSee(classification)) return Refusal.Forbidden("A judgment may not be marked above the writer's own clearance.", "classification");
            var judgment = new JudgmentRecorded(id, member.Value, probability, by.Value, rationale.Value!, source.Value);
            var rows = await log.ReadStream(stream, ct);
            var committed = await log.Commit([new StreamWrite(stream, rows.Count, [new PendingEvent(judgment, made.Value, classification)])],
                new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
            return await Answered.AfterCommit(async () => committed.AlreadyRecorded && who.IdempotencyKey is { } spent
                ? await Stored(db, id, spent.Value, body, ct)
                : View(committed.Events[0], body), $"The judgment on decision '{id}'");
        }, ct);
    }

    /// <summary>The judgment stored under an idempotency key: the answer to the same request sent again.</summary>
    private static async Task<Result<JudgmentView>> Stored(ConcordDbContext db, DecisionId id, string key, Domain.Members.Body? body, CancellationToken ct)
    {
        var rows = await new EventStore(db).ReadStream(StreamIds.Judgments(id), ct);
        return rows.LastOrDefault(e => e.IdempotencyKey == key) is { } row ? View(row, body)
            : Refusal.Conflict("That Idempotency-Key was used for another request; nothing was stored.");
    }

    /// <summary>A stored judgment as it is shown, with the member's name from <paramref name="body"/>.</summary>
    public static JudgmentView View(StoredEvent row, Domain.Members.Body? body)
    {
        var j = (JudgmentRecorded)EventStore.Deserialize(row);
        return new JudgmentView(j.Decision.Value, j.Member.Value, body?.Find(j.Member)?.Name ?? j.Member.Value, j.Probability, j.By, j.Rationale, j.Source,
            row.Effective, row.RecordedBy, row.Recorded, Visibility.ClassificationOf(row).ToString());
    }
}
