using Concord.Domain.Readiness;
using Concord.Features.Readiness;
using Concord.Web.Components.Assistance;
using Microsoft.AspNetCore.Components;

namespace Concord.Web.Components.Pages.Assistance;

/// <summary>
/// Readiness per Ally (issue 6, item 3): stocks against floors as bullet bars and a table, and the 2024
/// defence-expenditure table for every Ally with its sources. Public data; reloads live.
/// </summary>
public partial class Readiness
{
    private ReadinessOverview? _overview;
    private Features.Sources.SourceBook _book = Features.Sources.SourceBook.Empty;
    private string? _ally;
    private Vizor.ECharts.ChartOptions? _options;
    private int _version;

    [SupplyParameterFromQuery(Name = "ally")] public string? AllyQuery { get; set; }

    private List<AllyReadinessView> WithStocks => _overview?.Allies.Where(a => a.Stocks.Count > 0).ToList() ?? [];

    private AllyReadinessView? Selected => WithStocks.FirstOrDefault(a => a.Code == _ally);

    private List<StockLine> Lines => Selected is { } a
        ? [.. a.Stocks.Where(s => s.Floor is not null).Select(s => new StockLine(s.Category.ToString(), s.Quantity, s.Floor!.Value, s.Unit))]
        : [];

    private string Summary
    {
        get
        {
            if (Selected is not { } a) return "";
            var below = a.Stocks.Where(s => s.BelowFloor).Select(s => s.Category.ToString()).ToList();
            var head = below.Count == 0 ? $"{a.Name}: every stock at or above its floor." : $"{a.Name}: below floor in {string.Join(", ", below)}.";
            return head + " " + string.Join("; ", Lines.Select(l => l.Words)) + ".";
        }
    }

    private List<(AllyReadinessView Ally, ExpenditureView? Estimate, ExpenditureView? Revised)> Expenditure =>
        _overview is null ? [] : [.. _overview.Allies
            .Select(a => (a, a.Expenditure.FirstOrDefault(e => e.Year == 2024 && e.Figure == ExpenditureFigure.Estimate),
                a.Expenditure.FirstOrDefault(e => e.Year == 2024 && e.Figure == ExpenditureFigure.Revised)))
            .Where(x => x.Item2 is not null || x.Item3 is not null)
            .OrderBy(x => x.a.Name, StringComparer.Ordinal)];

    private string ExpenditureSummary
    {
        get
        {
            var rows = Expenditure;
            if (rows.Count == 0) return "No defence-expenditure figures recorded yet (concord import readiness, defence expenditure 2024).";
            var at2 = rows.Count(r => r.Estimate?.Meets2Pct == true);
            var at20 = rows.Count(r => (r.Estimate?.Meets20PctEquipment ?? r.Revised?.Meets20PctEquipment) == true);
            return $"{rows.Count} Allies: {at2} at or above 2% of GDP in the June 2024 estimates, {at20} spending 20% or more on equipment.";
        }
    }

    protected override async Task Load()
    {
        (_overview, _book) = await Store.Read(Auth, async (db, _, _) =>
        {
            var overview = await QueryReadiness.All(db, CancellationToken.None);
            // Every Ally's, not only the one selected: choosing another Ally does not read again.
            var book = await Features.Sources.SourceBook.For(db, overview.Allies.SelectMany(a =>
                a.Stocks.SelectMany(s => new[] { s.Source, s.FloorSource }).Concat(a.Expenditure.SelectMany(e => new[] { e.Source, e.EquipmentSource }))), CancellationToken.None);
            return (overview, book);
        });
        _ally = WithStocks.FirstOrDefault(a => a.Code == AllyQuery?.ToUpperInvariant())?.Code
            ?? (WithStocks.Any(a => a.Code == _ally) ? _ally : WithStocks.FirstOrDefault()?.Code);
        Draw();
    }

    private void SelectAlly(string code)
    {
        _ally = code;
        Draw();
    }

    private void Draw()
    {
        _version++;
        _options = Selected is null ? null : ReadinessChart.Options(Lines, Summary);
    }

    private static string Pct(decimal? value) => value is { } v ? $"{v:0.00}%" : "–";

    private static string Meets(bool? meets, string target) => meets switch { true => $"Meets {target}", false => $"Below {target}", null => "–" };

    private static string SourceCount(ExpenditureView? estimate, ExpenditureView? revised) =>
        (estimate, revised) switch
        {
            (null, null) => "none recorded",
            ({ }, { }) => "Estimate and revised figure: sources",
            ({ }, null) => "Estimate: source",
            _ => "Revised figure: source",
        };
}
