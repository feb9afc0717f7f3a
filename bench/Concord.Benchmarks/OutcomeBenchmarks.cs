using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features;
using NodaTime;
using static Concord.Domain.Decisions.PositionKind;

namespace Concord.Benchmarks;

/// <summary>
/// The outcome of a decision under its rule (pure domain, no I/O): a 32-Ally NATO consensus decision and a 27-member
/// EU qualified-majority decision with synthetic population weights. Each is paired with its floor, the plain
/// System.Text.Json deserialization of the same positions, as the stored event payloads (ConcordJson.Options).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OutcomeBenchmarks
{
    private static readonly Instant At = Instant.FromUtc(2024, 7, 9, 12, 0);

    private byte[] _natoPayload = [];
    private byte[] _euPayload = [];
    private List<Fact<IDecisionEvent>> _natoFacts = [];
    private Decision _nato = null!;
    private Decision _eu = null!;
    private IReadOnlyList<Seat> _natoSeats = [];
    private IReadOnlyList<Seat> _euSeats = [];

    /// <summary>A blocked NATO decision: 2 reservations, 1 ad referendum, 1 undeclared, 1 footnote, 27 concur.</summary>
    public static IReadOnlyList<(string Code, PositionKind Kind)> NatoPositions() =>
        SyntheticLog.Allies.Select(a => (a.Code, a.Code switch
        {
            "USA" or "DEU" => Reservation,
            "SVK" => AdReferendum,
            "HUN" => Undeclared,
            "ISL" => Footnote,
            _ => Concur,
        })).ToList();

    public static readonly string[] EuMembers =
    [
        "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
        "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
    ];

    /// <summary>
    /// A blocked EU QMV decision, which runs the bracket and the "what it would take" search: 13 concur, 5 against,
    /// 4 abstain, 3 undeclared, 2 not participating (13 of 25 in favour, 50% of the population).
    /// </summary>
    public static IReadOnlyList<(string Code, PositionKind Kind)> EuPositions() =>
        EuMembers.Select((code, i) => (code, i switch
        {
            < 13 => Concur,
            < 18 => Against,
            < 22 => Abstain,
            < 25 => Undeclared,
            _ => NonParticipation,
        })).ToList();

    [GlobalSetup]
    public void Setup()
    {
        var nato = SyntheticLog.NatoBody();
        _natoSeats = nato.EligibleOn(Zones.BrusselsDate(At));
        var eu = new Body("EU", "Council of the European Union", EuMembers
            .Select((code, i) => new Seat(MemberCode.Parse(code), code, new LocalDate(1995, 1, 1), null, 1_000_000L * (1 + i * 7919 % 83)))
            .ToList());
        _euSeats = eu.EligibleOn(Zones.BrusselsDate(At));

        (_natoFacts, _natoPayload) = Build("nato-32", "NATO", RuleKind.NatoConsensus, NatoPositions());
        (var euFacts, _euPayload) = Build("eu-qmv-27", "EU", RuleKind.EuQualifiedMajority, EuPositions());
        _nato = Decision.Replay(_natoFacts)!;
        _eu = Decision.Replay(euFacts)!;

        // Guard: the scenarios are the intended ones, and the floor reads back every position.
        Check(_nato.Evaluate(_natoSeats, At), Outcome.Blocked, "NATO");
        Check(_eu.Evaluate(_euSeats, At), Outcome.Blocked, "EU QMV");
        if (Nato_StjDeserialize()?.Length != 31 || Eu_StjDeserialize()?.Length != 24)
            throw new InvalidOperationException("The positions payloads do not read back.");
    }

    /// <summary>The decision's facts and, as the floor's input, its declared positions as event payloads (a JSON array).</summary>
    private static (List<Fact<IDecisionEvent>>, byte[]) Build(string id, string body, RuleKind rule, IReadOnlyList<(string Code, PositionKind Kind)> positions)
    {
        var opened = At - Duration.FromDays(30);
        var facts = new List<Fact<IDecisionEvent>>
        {
            new(new DecisionOpened(DecisionId.Parse(id), "Benchmark decision", body, rule, null, null), opened, 1),
        };
        var events = new List<PositionStated>();
        foreach (var (code, kind) in positions.Where(p => p.Kind != Undeclared))
        {
            var e = new PositionStated(MemberCode.Parse(code), kind, kind == Reservation ? "Pending national review" : null,
                $"Statement of {code}", "reported", null);
            events.Add(e);
            facts.Add(new(e, opened + Duration.FromHours(facts.Count), facts.Count + 1));
        }
        return (facts, JsonSerializer.SerializeToUtf8Bytes(events, ConcordJson.Options));
    }

    private static void Check(Evaluation evaluation, Outcome expected, string what)
    {
        if (evaluation.Outcome != expected)
            throw new InvalidOperationException($"{what}: expected {expected}, got {evaluation.Outcome} ({evaluation.Explanation}).");
        Console.WriteLine($"// {what}: {evaluation.Explanation} What it would take: {evaluation.WhatItWouldTake.Count} changes.");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("NATO 32")]
    public PositionStated[]? Nato_StjDeserialize() => JsonSerializer.Deserialize<PositionStated[]>(_natoPayload, ConcordJson.Options);

    /// <summary>Decision.Evaluate over the folded state: what GET and every write do after replay.</summary>
    [Benchmark, BenchmarkCategory("NATO 32")]
    public Evaluation Nato_Evaluate() => _nato.Evaluate(_natoSeats, At);

    /// <summary>Replay (fold the 32 facts with Evolve) and evaluate: the pure part of a GET.</summary>
    [Benchmark, BenchmarkCategory("NATO 32")]
    public Evaluation Nato_ReplayAndEvaluate() => Decision.Replay(_natoFacts)!.Evaluate(_natoSeats, At);

    [Benchmark(Baseline = true), BenchmarkCategory("EU QMV 27")]
    public PositionStated[]? Eu_StjDeserialize() => JsonSerializer.Deserialize<PositionStated[]>(_euPayload, ConcordJson.Options);

    [Benchmark, BenchmarkCategory("EU QMV 27")]
    public Evaluation Eu_Evaluate() => _eu.Evaluate(_euSeats, At);
}
