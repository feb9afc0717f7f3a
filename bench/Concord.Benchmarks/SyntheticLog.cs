using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Benchmarks;

/// <summary>The size of a synthetic log: decisions, events per decision stream, and how many are open at once.</summary>
/// <param name="ActiveDecisions">Decisions whose events interleave in the log (as concurrently open decisions do).</param>
public sealed record LogShape(int Decisions, int EventsPerDecision, int ActiveDecisions)
{
    public long TotalEvents => SyntheticLog.Allies.Length + (long)Decisions * EventsPerDecision;
}

/// <summary>
/// The uniform synthetic log of the 1M-event and append stores: the NATO body's 32 MemberAdmitted events, then
/// decisions opened and positions recorded through the domain's own Decide/Evolve (so every event is one Concord would
/// have accepted), written in the export format (<see cref="LogExport"/>) for <c>concord import log</c>, which
/// checks the chain and builds the read models. Deterministic: the same shape gives the same bytes and hashes.
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

    /// <summary>
    /// Writes the log of <paramref name="shape"/> in the export format (<see cref="LogExport"/>), for
    /// <c>concord import log</c>; returns the number of events. The same shape always gives the same bytes.
    /// </summary>
    public static long WriteExport(Stream output, LogShape shape)
    {
        var log = new LogExport(output);
        void Append(string streamId, int version, object e, Instant effective)
        {
            var (name, payload) = EventPayloads.Of(e);
            log.Append(streamId, version, name, payload, effective, GeneratedAt + Duration.FromMilliseconds(log.Count + 1), RecordedBy);
        }

        var admissions = Admissions();
        for (var i = 0; i < admissions.Count; i++)
            Append(BodyStream, i + 1, admissions[i], Zones.StartOf(admissions[i].Since));

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
                    Append(DecisionStream(IdOf(d)), k + 1, e, effective);
                    states[d - first] = Decision.Evolve(state, new Fact<IDecisionEvent>(e, effective, k + 1));
                }
            }
        }
        return log.Count;
    }

    /// <summary>Stream names as the log keeps them (docs/data-formats.md): one per body, one per decision.</summary>
    public const string BodyStream = "body-NATO";

    public static string DecisionStream(DecisionId id) => "decision-" + id.Value;

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
}
