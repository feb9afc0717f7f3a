using System.Text.Json;
using Concord.Domain.Statements;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Statements;

/// <summary>The statements area's events and its read model: one row per statement, its latest record.</summary>
public static class StatementsLog
{
    public static void Register(LogRegistry log) => log
        .Event<StatementRecorded>("StatementRecorded")
        .Projection(new StatementProjection());
}

/// <summary>Projects each statement's stream onto its row: the latest record, with its marking.</summary>
public sealed class StatementProjection : IWholeStreamProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.StatementPrefix];

    public IReadOnlyList<Type> Rows { get; } = [typeof(StatementRow)];

    public Task Clear(ConcordDbContext db, CancellationToken ct) => db.DeleteAll<StatementRow>(ct);

    public async Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        var id = change.StreamId[StreamIds.StatementPrefix.Length..];
        var row = await db.Statements.FindAsync([id], ct);
        if (row is null)
        {
            row = New(id, change.Appended[^1]);
            db.Statements.Add(row);
        }
        Write(row, change.Appended[^1]);
    }

    public void Rebuild(StreamChange stream, IRows rows, Instant now)
    {
        var row = New(stream.StreamId[StreamIds.StatementPrefix.Length..], stream.Appended[^1]);
        Write(row, stream.Appended[^1]);
        rows.Add(row);
    }

    private static StatementRow New(string id, StoredEvent latest) =>
        new() { Id = id, Placed = default, Statement = "", Version = 0 };

    private static void Write(StatementRow row, StoredEvent latest)
    {
        var statement = (StatementRecorded)EventStore.Deserialize(latest);
        row.Placed = statement.When.Placed;
        row.Statement = JsonSerializer.Serialize(statement, ConcordJson.Options);
        row.Marking = latest.Marking;
        row.ReleasableTo = latest.ReleasableTo;
        row.Version = latest.StreamVersion;
    }
}
