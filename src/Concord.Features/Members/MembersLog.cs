using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Members;

/// <summary>The members area's events and its read model of seats.</summary>
public static class MembersLog
{
    public static void Register(LogRegistry log) => log
        .Event<MemberAdmitted>("MemberAdmitted")
        .Projection(new MemberProjection());
}

/// <summary>Projects each body's seats into the members read model.</summary>
public sealed class MemberProjection : IWholeStreamProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.BodyPrefix];

    public IReadOnlyList<Type> Rows { get; } = [typeof(MemberRow)];

    public Task Clear(ConcordDbContext db, CancellationToken ct) => db.DeleteAll<MemberRow>(ct);

    public Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        Seat(change.Appended, new TrackedRows(db));
        return Task.CompletedTask;
    }

    public void Rebuild(StreamChange stream, IRows rows, Instant now) => Seat(stream.Appended, rows);

    /// <summary>A seat for every admission: each one adds a row, whatever came before it.</summary>
    private static void Seat(IEnumerable<StoredEvent> events, IRows rows)
    {
        foreach (var a in events.Select(EventStore.Deserialize).OfType<MemberAdmitted>())
            rows.Add(new MemberRow
            {
                Body = a.Body, Code = a.Member.Value, Name = a.Name, Since = a.Since,
                Population = a.Population, Permanent = a.Permanent, Sources = a.Sources, Notes = a.Notes,
            });
    }
}
