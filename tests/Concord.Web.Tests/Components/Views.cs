using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.Decisions;
using NodaTime;

namespace Concord.Web.Tests.Components;

/// <summary>Decision views as the room receives them, built by hand for component tests.</summary>
public static class Views
{
    public static readonly Instant Opened = Instant.FromUtc(2023, 7, 12, 0, 0);

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["DEU"] = "Germany", ["HUN"] = "Hungary", ["SVK"] = "Slovakia", ["USA"] = "United States", ["TUR"] = "Türkiye",
        ["NLD"] = "Netherlands", ["GBR"] = "United Kingdom", ["FRA"] = "France", ["BEL"] = "Belgium", ["CAN"] = "Canada",
        ["DNK"] = "Denmark", ["GRC"] = "Greece", ["ITA"] = "Italy",
    };

    /// <summary>
    /// A NATO decision where the given Allies hold the given positions and every other named Ally concurs, each position
    /// known as <paramref name="confidence"/> (official unless told: the sentence is then said as the rule words it).
    /// </summary>
    public static DecisionView Decision(Outcome outcome, IReadOnlyList<string> blocking, IReadOnlyList<string> toAct,
        IReadOnlyDictionary<string, PositionKind> positions, Instant? silenceDeadline = null, IReadOnlyList<PositionChange>? whatItWouldTake = null,
        Domain.Confidence? confidence = Domain.Confidence.Official, IReadOnlyDictionary<string, string>? conditions = null)
    {
        var views = Names.Keys.Order(StringComparer.Ordinal)
            .Select(code => new PositionView(code, Names[code], positions.TryGetValue(code, out var k) ? k : PositionKind.Concur,
                conditions?.GetValueOrDefault(code), null, confidence, null, Opened))
            .ToList();
        return new DecisionView("invite-ukraine", "Invite Ukraine", Body.Nato, RuleKind.NatoConsensus, null, Opened, silenceDeadline,
            silenceDeadline is { } d ? Domain.Zones.Brussels(d) : null, Opened, outcome, "explanation", blocking, toAct,
            whatItWouldTake ?? [], views, 1);
    }
}
