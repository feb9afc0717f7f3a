using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>The secretariat opens a decision.</summary>
public static class OpenDecision
{
    /// <param name="Id">Optional readable id; made from the subject when absent.</param>
    /// <param name="Opened">When it was opened; now when absent (history can be entered late).</param>
    /// <param name="Classification">Its marking, "NATO RESTRICTED REL UKR"; NATO UNCLASSIFIED when absent. Every event of the
    /// decision is stored under it, and its positions under it or higher.</param>
    public sealed record Request(
        string? Id = null, string? Subject = null, string? Body = null, string? Rule = null, string? Summit = null, string? SilenceDeadline = null,
        string? Concerned = null, string? Opened = null, string? Classification = null);

    public static async Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, Request request, WriteContext who, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        return await EventStore.Serialized(async () =>
        {
            var opening = await Opening(db, now, request, who, ct);
            if (opening.Refusal is { } refusal) return refusal;
            var (current, command, write, classification) = opening.Value;
            if (current is not null && who.IdempotencyKey is { } key)
                switch (await new EventStore(db).Spent(key, ct))
                {
                    case KeySpent.BySameRequest: return await DecisionStream.ViewFor(db, who.Actor, current, command.Body, now, ct);
                    case KeySpent.ByAnotherRequest: return EventStore.KeySpentByAnotherRequest();
                }
            if (write is null) return Decision.Decide(current?.State, command, now).Refusal!;
            var stream = new Fetched<Decision?>(write.StreamId, current?.Version ?? 0, current?.State);
            return await DecisionStream.Commit(db, stream, [.. write.Events.Select(e => (IDecisionEvent)e.Event)], command.Body, who,
                write.Events[0].Effective, now, classification, classification, ct);
        }, ct);
    }

    /// <summary>
    /// Decides an opening without committing it: the decision as it stands (if the id is taken), the command, and the
    /// events to append (null when the decision refuses them). The importer commits the openings of a whole file at once.
    /// </summary>
    internal static async Task<Result<(CurrentDecision? Current, OpenDecisionCommand Command, StreamWrite? Write, Classification Classification)>> Opening(
        ConcordDbContext db, Instant now, Request request, WriteContext who, CancellationToken ct)
    {
        var marking = DecisionMarkings.Parse(request.Classification, "classification");
        if (marking.Refusal is { } m) return m;
        var classification = marking.Value ?? DecisionMarkings.DecisionDefault;
        if (!who.Actor.CanSee(classification))
            return Refusal.Forbidden($"This account is not cleared for {classification}; it cannot open a decision it could not read.", "classification");
        var parsed = await Parse(db, request, now, who, ct);
        if (parsed.Refusal is { } refusal) return refusal;
        var (command, opened) = parsed.Value;
        var current = await CurrentDecisions.Load(db, command.Id, ct);
        // An id taken by a decision the writer may not see is answered as if it were free: the decision is opened under an
        // id the server chooses from it (the answer's Location and id say which), never refused, since a refusal would
        // tell the writer that a decision it may not see exists.
        for (var attempt = 0; current is not null && current.SightOf(who.Actor) == DecisionSight.Invisible && attempt < 5; attempt++)
        {
            command = command with { Id = Elsewhere(command.Id, who, attempt) };
            current = await CurrentDecisions.Load(db, command.Id, ct);
        }
        if (current is not null && current.SightOf(who.Actor) == DecisionSight.Invisible)
            return Refusal.Conflict($"The id '{command.Id}' cannot be used; choose another.");
        var decided = Decision.Decide(current?.State, command, now);
        var write = decided.Refusal is null
            ? new StreamWrite(StreamIds.Decision(command.Id), current?.Version ?? 0, [.. decided.Events.Select(e => new PendingEvent(e, opened, classification))])
            : null;
        return (current, command, write, classification);
    }

    /// <summary>
    /// The id the server chooses when <paramref name="taken"/> is held by a decision the writer may not see: the id asked
    /// for with a suffix. The suffix comes from the request's idempotency key when it has one, so that the same request
    /// sent again finds the decision it opened; otherwise it is random.
    /// </summary>
    private static DecisionId Elsewhere(DecisionId taken, WriteContext who, int attempt)
    {
        var suffix = Suffix(who, $"{taken}|{attempt}");
        var stem = taken.Value.Length > 73 ? taken.Value[..73].TrimEnd('-') : taken.Value;
        return DecisionId.Parse($"{stem}-{suffix}");
    }

    /// <summary>
    /// The suffix of an id the server makes (from the subject, or beside an id taken by a decision the writer may not
    /// see), for <paramref name="seed"/>: from the request's idempotency key when it has one, so that the same request
    /// sent again (or racing the first) names the decision the first one opened and is answered with it; otherwise random.
    /// </summary>
    private static string Suffix(WriteContext who, string seed) => who.IdempotencyKey is { } key
        ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{key.Value}|{seed}")))[..6]
        : Guid.NewGuid().ToString("N")[..6];

    private static async Task<Result<(Domain.Decisions.OpenDecisionCommand, Instant)>> Parse(ConcordDbContext db, Request r, Instant now, WriteContext who, CancellationToken ct)
    {
        var subject = Input.Name(r.Subject, "subject", 500, required: true);
        if (subject.Refusal is { } s) return s;
        var bodyCode = string.IsNullOrWhiteSpace(r.Body) ? Body.Nato : r.Body.Trim().ToUpperInvariant();
        var body = await Bodies.Load(db, bodyCode, ct);
        if (body is null) return Refusal.NotFound($"There is no body '{bodyCode}'; import its members first (concord import members FILE --body {bodyCode}).");
        var rule = r.Rule is null ? new Result<RuleKind>(RuleKind.NatoConsensus, null) : Input.Enum<RuleKind>(r.Rule, "rule");
        if (rule.Refusal is { } ru) return ru;
        var id = r.Id is null ? DecisionId.FromSubject(subject.Value!, Suffix(who, subject.Value!)) : DecisionId.TryParse(r.Id);
        if (id is null) return Refusal.Invalid("id", "'id' must be 3 to 80 lower-case letters, digits and dashes.");
        var summit = Input.Name(r.Summit, "summit", 80);
        if (summit.Refusal is { } su) return su;
        if (summit.Value is { } sid && !await db.Summits.AnyAsync(x => x.Id == sid, ct)) return Refusal.NotFound($"There is no summit '{sid}'.");
        Instant? deadline = null;
        if (r.SilenceDeadline is not null)
        {
            var d = Input.AheadInstant(r.SilenceDeadline, "silenceDeadline", now);
            if (d.Refusal is { } dr) return dr;
            deadline = d.Value;
        }
        MemberCode? concerned = null;
        if (r.Concerned is not null)
        {
            var c = Input.Member(r.Concerned, "concerned");
            if (c.Refusal is { } cr) return cr;
            concerned = c.Value;
        }
        var opened = r.Opened is null ? new Result<Instant>(now, null) : Input.Instant(r.Opened, "opened");
        if (opened.Refusal is { } or) return or;
        if (opened.Value > now) return Refusal.Unprocessable("A decision cannot be opened in the future.", "opened");
        return (new Domain.Decisions.OpenDecisionCommand(id.Value, subject.Value!, body, rule.Value, summit.Value, deadline, concerned), opened.Value);
    }
}
