using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Domain.Summits;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Tests.EventLog;

/// <summary>
/// A small log written through the real <see cref="EventStore"/>, one event a day from 2024-06-01 (UTC noon), each by
/// its own account:
/// <code>
/// #1 decision-invite-ukraine-washington-2024 v1 DecisionOpened  secretariat:anna
/// #2 summit-washington-2024                  v1 SummitScheduled secretariat:anna
/// #3 decision-invite-ukraine-washington-2024 v2 PositionStated  delegation:deu  (DEU concur)
/// #4 decision-invite-ukraine-washington-2024 v3 PositionStated  delegation:fra  (FRA concur)
/// #5 decision-invite-ukraine-washington-2024 v4 PositionStated  delegation:usa  (USA object, NATO RESTRICTED)
/// #6 decision-invite-ukraine-washington-2024 v5 PositionStated  delegation:hun  (HUN object)
/// #7 decision-open-door-2025                 v1 DecisionOpened  secretariat:ben
/// #8 decision-invite-ukraine-washington-2024 v6 PositionStated  delegation:tur  (TUR concur)
/// </code>
/// </summary>
public static class SmallLog
{
    public const string Ukraine = "decision-invite-ukraine-washington-2024";
    public const int Count = 8;
    public static readonly Instant Start = Instant.FromUtc(2024, 6, 1, 12, 0);

    public static async Task Write(TestStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        var day = 0;
        async Task Append(string stream, int version, object e, string actor, Classification? classification = null)
        {
            await using var db = store.NewContext();
            var log = new EventStore(db);
            var at = Start + Duration.FromDays(day++);
            await log.Commit([new StreamWrite(stream, version - 1, [new PendingEvent(e, at - Duration.FromHours(1), classification)])], new Recording(at, actor), ct);
        }

        await Append(Ukraine, 1, Opened("invite-ukraine-washington-2024", "Invite Ukraine to join the Alliance"), "secretariat:anna");
        await Append("summit-washington-2024", 1, new SummitScheduled("washington-2024", "Washington Summit", "Washington", null,
            new LocalDate(2024, 7, 9), new LocalDate(2024, 7, 11), null, null, null, null, null), "secretariat:anna");
        await Append(Ukraine, 2, Position("DEU", PositionKind.Concur), "delegation:deu");
        await Append(Ukraine, 3, Position("FRA", PositionKind.Concur), "delegation:fra");
        await Append(Ukraine, 4, Position("USA", PositionKind.Object), "delegation:usa", Classification.Of(Marking.NatoRestricted));
        await Append(Ukraine, 5, Position("HUN", PositionKind.Object), "delegation:hun");
        await Append("decision-open-door-2025", 1, Opened("open-door-2025", "Reaffirm the open door"), "secretariat:ben");
        await Append(Ukraine, 6, Position("TUR", PositionKind.Concur), "delegation:tur");
    }

    private static DecisionOpened Opened(string id, string subject) =>
        new(DecisionId.TryParse(id)!.Value, subject, "NATO", RuleKind.NatoConsensus, null, null);

    private static PositionStated Position(string member, PositionKind kind) =>
        new(MemberCode.TryParse(member)!.Value, kind, null, "test", null, null);
}

/// <summary>What a forger with write access to the database does, in raw SQL on the store's own connection.</summary>
public static class Tamper
{
    public static async Task Sql(TestStore store, string sql, params object[] parameters)
    {
        await using var db = store.NewContext();
        await db.Database.ExecuteSqlRawAsync(sql, parameters, TestContext.Current.CancellationToken);
    }

    public static async Task<StoredEvent> Row(TestStore store, long position)
    {
        await using var db = store.NewContext();
        return await db.Events.AsNoTracking().SingleAsync(e => e.Position == position, TestContext.Current.CancellationToken);
    }

    public static async Task EditPayload(TestStore store, long position, string from, string to)
    {
        var row = await Row(store, position);
        Assert.Contains(from, row.Payload, StringComparison.Ordinal);
        await Sql(store, """UPDATE events SET "Payload" = {0} WHERE "Position" = {1}""", row.Payload.Replace(from, to, StringComparison.Ordinal), position);
    }

    public static Task Delete(TestStore store, long position) =>
        Sql(store, """DELETE FROM events WHERE "Position" = {0}""", position);

    /// <summary>Moves every event at or after <paramref name="from"/> by <paramref name="by"/> positions (through negatives, so no key collides).</summary>
    public static async Task Renumber(TestStore store, long from, int by)
    {
        await Sql(store, """UPDATE events SET "Position" = -("Position" + {0}) WHERE "Position" >= {1}""", (long)by, from);
        await Sql(store, """UPDATE events SET "Position" = -"Position" WHERE "Position" < 0""");
    }

    /// <summary>Exchanges the positions of two events, through a temporary position (the primary key allows no other way).</summary>
    public static async Task Swap(TestStore store, long first, long second)
    {
        await Sql(store, """UPDATE events SET "Position" = -1 WHERE "Position" = {0}""", first);
        await Sql(store, """UPDATE events SET "Position" = {0} WHERE "Position" = {1}""", first, second);
        await Sql(store, """UPDATE events SET "Position" = {0} WHERE "Position" = -1""", second);
    }

    /// <summary>
    /// Writes a forged event at <paramref name="position"/>, copied from <paramref name="template"/> under another actor and
    /// payload, sealed with the real hash function. It cannot link to the event before it (the unique index on the previous
    /// hash holds that link), so it links to <paramref name="previousHash"/>.
    /// </summary>
    public static async Task<StoredEvent> InsertForged(TestStore store, long position, StoredEvent template, string payload, string actor, int version, string previousHash)
    {
        var forged = new StoredEvent
        {
            Position = position, StreamId = template.StreamId, StreamVersion = version, Name = template.Name, Payload = payload,
            Effective = template.Effective, Recorded = template.Recorded, RecordedBy = actor, Marking = template.Marking,
            ReleasableTo = template.ReleasableTo, IdempotencyKey = null, PreviousHash = previousHash, Hash = "",
        };
        forged.Hash = EventStore.ComputeHash(forged);
        await Sql(store, """
            INSERT INTO events ("Position", "StreamId", "StreamVersion", "Name", "Payload", "Effective", "Recorded", "RecordedBy", "IdempotencyKey", "Marking", "ReleasableTo", "PreviousHash", "Hash")
            SELECT {0}, "StreamId", {1}, "Name", {2}, "Effective", "Recorded", {3}, NULL, "Marking", "ReleasableTo", {4}, {5} FROM events WHERE "Hash" = {6}
            """, position, version, payload, actor, previousHash, forged.Hash, template.Hash);
        return forged;
    }

    /// <summary>Recomputes every hash from <paramref name="from"/> on, as a forger who knows the hash function would.</summary>
    public static async Task Rechain(TestStore store, long from)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = store.NewContext();
        var rows = await db.Events.AsNoTracking().OrderBy(e => e.Position).ToListAsync(ct);
        var previous = rows.LastOrDefault(r => r.Position < from)?.Hash ?? EventStore.GenesisHash;
        foreach (var row in rows.Where(r => r.Position >= from))
        {
            row.PreviousHash = previous;
            row.Hash = EventStore.ComputeHash(row);
            await db.Database.ExecuteSqlRawAsync("""UPDATE events SET "PreviousHash" = {0}, "Hash" = {1} WHERE "Position" = {2}""",
                [row.PreviousHash, row.Hash, row.Position], ct);
            previous = row.Hash;
        }
    }

    /// <summary>A hash no event has.</summary>
    public static string Nowhere => new('f', 64);
}
