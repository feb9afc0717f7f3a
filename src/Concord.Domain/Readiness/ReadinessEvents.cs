using Concord.Domain.Assistance;
using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Readiness;

/// <summary>Which of NATO's published figures a defence-expenditure report is: the June estimate or the later revision.</summary>
public enum ExpenditureFigure { Estimate, Revised }

/// <summary>A fact in an Ally's readiness stream ("readiness-ALLY").</summary>
public interface IReadinessEvent
{
    MemberCode Ally { get; }
}

/// <summary>
/// An Ally's defence expenditure for a year as a share of GDP (the 2% guideline) and the share of it spent on major
/// equipment (the 20% guideline), as published by NATO. A null value is not known (Iceland has no armed forces).
/// <paramref name="EquipmentSource"/> cites the equipment share when it has sources of its own (null in facts recorded
/// before it had its own field, whose <paramref name="Source"/> names both in one text).
/// </summary>
public sealed record DefenceExpenditureReported(MemberCode Ally, int Year, decimal? PctGdp, decimal? EquipmentSharePct,
    ExpenditureFigure Figure, string Source, string? Note, string? EquipmentSource = null) : IReadinessEvent;

/// <summary>
/// How many of a category an Ally holds on a date (<paramref name="Unit"/>: "systems", "rounds"), with the days a
/// donation from that stock takes to arrive (<paramref name="LeadDays"/>, null when not known).
/// </summary>
public sealed record StockReported(MemberCode Ally, StockCategory Category, decimal Quantity, string Unit, LocalDate On,
    string Source, FigureBasis Basis, int? LeadDays) : IReadinessEvent;

/// <summary>The least an Ally keeps of a category for its own defence (the capability-target proxy the deployment sets).</summary>
public sealed record ReadinessFloorSet(MemberCode Ally, StockCategory Category, decimal Quantity, string Source) : IReadinessEvent;

/// <summary>An Ally's GDP for a year, in billions of US dollars: the key for sharing a burden by GDP.</summary>
public sealed record GdpReported(MemberCode Ally, int Year, decimal UsdBn, string Source) : IReadinessEvent;
