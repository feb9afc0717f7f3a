using System.Diagnostics;
using System.Text.Json;
using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Concord.Benchmarks;

/// <summary>The size of a synthetic log: decisions, events per decision stream, and how many are open at once.</summary>
/// <param name="ActiveDecisions">Decisions whose events interleave in the log (as concurrently open decisions do).</param>
public sealed record LogShape(int Decisions, int EventsPerDecision, int ActiveDecisions)
{
    public long TotalEvents => SyntheticLog.Allies.Length + (long)Decisions * EventsPerDecision;
}

/// <summary>
/// Writes a valid Concord log fast: the NATO body's 32 MemberAdmitted events, then decisions opened and positions
/// recorded through the domain's own Decide/Evolve (so every event is one Concord would have accepted), stored by raw
/// prepared INSERTs in one transaction with the hash chain computed by <see cref="EventStore.ComputeHash"/>, payloads
/// serialized with <see cref="ConcordJson.Options"/> under <see cref="EventNames"/>. The read models are then built by
/// Concord's own <see cref="LogOperations.Rebuild"/>. Deterministic: the same shape gives the same bytes and hashes.
/// </summary>
public static class SyntheticLog
{
    public const string RecordedBy = "bench-generator";

    /// <summary>Decision d is opened at FirstOpened + d hours; its k-th position at opened + 2k hours.</summary>
    public static readonly Instant FirstOpened = Instant.FromUtc(2024, 3, 8, 0, 0);

    /// <summary>"Now" for the generator's Decide calls and the base of the recorded instants.</summary>
    public static readonly Instant GeneratedAt = Instant.FromUtc(2026, 1, 1, 0, 0);

    /// <summary>The 32 Allies with their accession dates (Sweden, the last, joined 2024-03-07).</summary>
    public static readonly (string Code, string Name, LocalDate Since)[] Allies =
    [
        ("BEL", "Belgium", new(1949, 8, 24)), ("CAN", "Canada", new(1949, 8, 24)), ("DNK", "Denmark", new(1949, 8, 24)),
        ("FRA", "France", new(1949, 8, 24)), ("ISL", "Iceland", new(1949, 8, 24)), ("ITA", "Italy", new(1949, 8, 24)),
        ("LUX", "Luxembourg", new(1949, 8, 24)), ("NLD", "Netherlands", new(1949, 8, 24)), ("NOR", "Norway", new(1949, 8, 24)),
        ("PRT", "Portugal", new(1949, 8, 24)), ("GBR", "United Kingdom", new(1949, 8, 24)), ("USA", "United States", new(1949, 8, 24)),
        ("GRC", "Greece", new(1952, 2, 18)), ("TUR", "Türkiye", new(1952, 2, 18)), ("DEU", "Germany", new(1955, 5, 6)),
        ("ESP", "Spain", new(1982, 5, 30)), ("CZE", "Czechia", new(1999, 3, 12)), ("HUN", "Hungary", new(1999, 3, 12)),
        ("POL", "Poland", new(1999, 3, 12)), ("BGR", "Bulgaria", new(2004, 3, 29)), ("EST", "Estonia", new(2004, 3, 29)),
        ("LVA", "Latvia", new(2004, 3, 29)), ("LTU", "Lithuania", new(2004, 3, 29)), ("ROU", "Romania", new(2004, 3, 29)),
        ("SVK", "Slovakia", new(2004, 3, 29)), ("SVN", "Slovenia", new(2004, 3, 29)), ("ALB", "Albania", new(2009, 4, 1)),
        ("HRV", "Croatia", new(2009, 4, 1)), ("MNE", "Montenegro", new(2017, 6, 5)), ("MKD", "North Macedonia", new(2020, 3, 27)),
        ("FIN", "Finland", new(2023, 4, 4)), ("SWE", "Sweden", new(2024, 3, 7)),
    ];

    public static DecisionId IdOf(int d) => DecisionId.Parse($"bench-decision-{d:D5}");

    public static Instant OpenedAt(int d) => FirstOpened + Duration.FromHours(d);

    /// <summary>When the k-th event of decision d takes effect (k = 0 is the opening).</summary>
    public static Instant EffectiveAt(int d, int k) => OpenedAt(d) + Duration.FromHours(2L * k);

    public static IReadOnlyList<MemberAdmitted> Admissions() =>
        Allies.Select(a => new MemberAdmitted(Body.Nato, MemberCode.Parse(a.Code), a.Name, a.Since, 0, false, "bench", null)).ToList();

    public static Body NatoBody() =>
        Admissions().Aggregate((Body?)null, (b, a) => BodySeats.Evolve(b, Body.Nato, a))!;

    /// <summary>Creates the store at <paramref name="file"/> (which must not exist) and returns the number of events.</summary>
    public static async Task<long> Write(string file, LogShape shape, CancellationToken ct)
    {
        Stores.Delete(file);
        await using (var db = new SqliteConcordDbContext(Stores.Options(file, pooling: false)))
            await StoreSetup.Migrate(db, ct);

        var watch = Stopwatch.StartNew();
        long count;
        using (var connection = Stores.OpenRaw(file))
        {
            // Bulk-load settings for this connection only; the store is switched back to WAL below.
            Stores.Execute(connection, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY;");
            var indexes = new List<(string Name, string Sql)>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL";
                using var reader = list.ExecuteReader();
                while (reader.Read()) indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
            foreach (var (name, _) in indexes) Stores.Execute(connection, $"DROP INDEX \"{name}\"");

            using (var tx = connection.BeginTransaction())
            {
                var writer = new RowWriter(connection, tx);
                count = Generate(shape, writer.Insert);
                tx.Commit();
            }
            foreach (var (_, sql) in indexes) Stores.Execute(connection, sql);
            Stores.Execute(connection, "PRAGMA journal_mode=WAL;");
        }
        Console.WriteLine($"// Inserted {count:N0} events in {watch.Elapsed.TotalSeconds:N1} s; rebuilding read models...");

        watch.Restart();
        await using (var db = new SqliteConcordDbContext(Stores.Options(file, pooling: false)))
            await LogOperations.Rebuild(db, SystemClock.Instance, ct);
        Console.WriteLine($"// Read models rebuilt in {watch.Elapsed.TotalSeconds:N1} s.");
        SqliteConnection.ClearAllPools();
        return count;
    }

    /// <summary>Produces every event of the log, in log order, chained; returns how many.</summary>
    public static long Generate(LogShape shape, Action<StoredEvent> insert)
    {
        long position = 0;
        var previous = EventStore.GenesisHash;

        void Append(string streamId, int version, object e, Instant effective)
        {
            position++;
            var row = new StoredEvent
            {
                Position = position,
                StreamId = streamId,
                StreamVersion = version,
                Name = EventNames.NameOf(e),
                Payload = JsonSerializer.Serialize(e, e.GetType(), ConcordJson.Options),
                Effective = EventStore.Truncate(effective),
                Recorded = EventStore.Truncate(GeneratedAt + Duration.FromMilliseconds(position)),
                RecordedBy = RecordedBy,
                IdempotencyKey = null,
                PreviousHash = previous,
                Hash = "",
            };
            row.Hash = EventStore.ComputeHash(row);
            previous = row.Hash;
            insert(row);
        }

        var admissions = Admissions();
        for (var i = 0; i < admissions.Count; i++)
            Append(StreamIds.Body(Body.Nato), i + 1, admissions[i], Zones.StartOf(admissions[i].Since));

        var body = NatoBody();
        var members = body.Seats.Select(s => s.Member).ToArray();
        for (var first = 0; first < shape.Decisions; first += shape.ActiveDecisions)
        {
            var last = Math.Min(shape.Decisions, first + shape.ActiveDecisions);
            var states = new Decision?[last - first];
            for (var k = 0; k < shape.EventsPerDecision; k++)
            {
                for (var d = first; d < last; d++)
                {
                    var state = states[d - first];
                    var effective = EffectiveAt(d, k);
                    var decided = state is null
                        ? Decision.Decide(null, new OpenDecisionCommand(IdOf(d), $"Synthetic decision {d}", body, RuleKind.NatoConsensus, null, null, null), GeneratedAt)
                        : state.Decide(Position(members, d, k, effective), body, GeneratedAt);
                    if (decided.Refusal is { } refusal)
                        throw new InvalidOperationException($"The generator produced a refused command for decision {d}, event {k}: {refusal.Reason}");
                    if (decided.Events.Count != 1)
                        throw new InvalidOperationException($"Decision {d}, event {k}: expected one event, Decide gave {decided.Events.Count}.");
                    var e = decided.Events[0];
                    Append(StreamIds.Decision(IdOf(d)), k + 1, e, effective);
                    states[d - first] = Decision.Evolve(state, new Fact<IDecisionEvent>(e, effective, k + 1));
                }
            }
        }
        return position;
    }

    /// <summary>The k-th position of decision d: members in turn, kinds spread over NATO consensus's positions.</summary>
    private static RecordPositionCommand Position(MemberCode[] members, int d, int k, Instant effective)
    {
        var member = members[(d + k - 1) % members.Length];
        var roll = Mix(d, k) % 100;
        var kind = roll switch
        {
            < 50 => PositionKind.Concur,
            < 65 => PositionKind.AdReferendum,
            < 77 => PositionKind.Reservation,
            < 85 => PositionKind.Footnote,
            < 90 => PositionKind.NonParticipation,
            _ => PositionKind.Object,
        };
        var condition = kind == PositionKind.Reservation ? $"Pending national review of paragraph {k % 17 + 1}" : null;
        return new RecordPositionCommand(member, kind, condition, $"Synthetic source {d}/{k}", "reported", null, effective);
    }

    private static uint Mix(int d, int k)
    {
        var h = (uint)d * 2654435761u ^ (uint)k * 2246822519u;
        h ^= h >> 15;
        h *= 2246822519u;
        h ^= h >> 13;
        return h;
    }

    /// <summary>One prepared INSERT reused for every row (same columns as Concord's events table).</summary>
    private sealed class RowWriter
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter[] _p;

        public RowWriter(SqliteConnection connection, SqliteTransaction tx)
        {
            _insert = connection.CreateCommand();
            _insert.Transaction = tx;
            _insert.CommandText = """
                INSERT INTO events (Position, StreamId, StreamVersion, Name, Payload, Effective, Recorded, RecordedBy, IdempotencyKey, PreviousHash, Hash)
                VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10)
                """;
            _p = Enumerable.Range(0, 11).Select(i => _insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
            _insert.Prepare();
        }

        public void Insert(StoredEvent e)
        {
            _p[0].Value = e.Position;
            _p[1].Value = e.StreamId;
            _p[2].Value = e.StreamVersion;
            _p[3].Value = e.Name;
            _p[4].Value = e.Payload;
            _p[5].Value = e.Effective.ToUnixTimeTicks();
            _p[6].Value = e.Recorded.ToUnixTimeTicks();
            _p[7].Value = e.RecordedBy;
            _p[8].Value = (object?)e.IdempotencyKey ?? DBNull.Value;
            _p[9].Value = e.PreviousHash;
            _p[10].Value = e.Hash;
            _insert.ExecuteNonQuery();
        }
    }
}
