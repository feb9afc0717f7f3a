using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// One entry in a member's position history on a decision: what was said, when, when recorded and by whom, and how it is
/// known (<see cref="Confidence"/>, null when unlabelled, as is free text stored before the vocabulary).
/// </summary>
public sealed record PositionChangeView(int Version, string Event, string Member, PositionKind Kind, string? Condition, string? Source,
    Domain.Confidence? Confidence, string? Note, Instant Effective, Instant Recorded, string RecordedBy, string Classification = "PUBLIC");

/// <summary>
/// Every position change on a decision, in world order (as they happened), optionally for one member. Empty for a
/// reader not cleared for every position (even the order of visible ones would hint at the hidden); unknown for a
/// reader not cleared for the decision.
/// </summary>
public static class PositionHistory
{
    public static async Task<Result<IReadOnlyList<PositionChangeView>>> Handle(
        ConcordDbContext db, DecisionId id, MemberCode? member, Reader reader, CancellationToken ct)
    {
        var rows = await new EventStore(db).ReadStream(StreamIds.Decision(id), ct);
        var sight = Visibility.Of(reader, rows);
        if (sight == DecisionSight.Invisible) return DecisionStream.NoSuch(id);
        if (sight == DecisionSight.Redacted) return new Result<IReadOnlyList<PositionChangeView>>([], null);
        var history = rows
            .Select(r => (Row: r, Event: EventStore.Deserialize(r) as PositionRecorded))
            .Where(x => x.Event is not null && (member is null || x.Event.Member == member))
            .OrderBy(x => x.Row.Effective).ThenBy(x => x.Row.StreamVersion)
            .Select(x => new PositionChangeView(x.Row.StreamVersion, x.Row.Name, x.Event!.Member.Value, x.Event.Kind, x.Event.Condition,
                x.Event.Source, Domain.ConfidenceWords.Read(x.Event.Confidence), x.Event.Note, x.Row.Effective, x.Row.Recorded, x.Row.RecordedBy,
                Visibility.ClassificationOf(x.Row).ToString()))
            .ToList();
        return history;
    }
}
