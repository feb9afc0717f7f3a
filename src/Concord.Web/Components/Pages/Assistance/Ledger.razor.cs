using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Assistance;
using Concord.Web.Components.Assistance;
using Microsoft.AspNetCore.Components;
using NodaTime;
using NodaTime.Text;

namespace Concord.Web.Components.Pages.Assistance;

/// <summary>
/// The assistance ledger (issue 6, items 1 and 6): cumulative pledged against delivered in one currency or unit, the
/// funding events on the same timeline, and the pledges as of a date, filtered by donor and category. Public,
/// sourced data; every pledge stream is replayed on each load (see the report: the cost grows with the ledger).
/// </summary>
public partial class Ledger
{
    private const string All = "all";
    private string _donor = All, _category = All;
    private string? _measure;
    private LocalDate _asOf;
    private bool _asOfSet;
    private string? _error;
    private IReadOnlyList<Pledge> _pledges = [];
    private List<Pledge> _rows = [];
    private List<string> _donors = [];
    private IReadOnlyList<string> _measures = [];
    private IReadOnlyList<CumulativePoint> _points = [];
    private IReadOnlyList<FundingEventRecorded> _funding = [];
    private List<FundingMark> _marks = [];
    private List<FundingEventRecorded> _shownFunding = [];
    private Features.Sources.SourceBook _book = Features.Sources.SourceBook.Empty;
    private Vizor.ECharts.ChartOptions? _options;
    private string _key = "";

    [SupplyParameterFromQuery(Name = "asOf")] public string? AsOfQuery { get; set; }

    /// <summary>The ledger as known on a day (?knownOn=): what had happened and been published by then.</summary>
    [SupplyParameterFromQuery(Name = "knownOn")] public string? KnownOnQuery { get; set; }

    private LocalDate? _knownOn;
    private string? _knownOnRead;

    // The known-on day moves through the address (the control replaces it): read again when it changed.
    protected override async Task OnParametersSetAsync()
    {
        if (_asOfSet && KnownOnQuery != _knownOnRead) await Load();
    }

    protected override async Task Load()
    {
        await Store.Read(Auth, async (db, clock, _) =>
        {
            var today = Zones.BrusselsDate(clock.GetCurrentInstant());
            if (!_asOfSet)
            {
                _asOf = AsOfQuery is not null && LocalDatePattern.Iso.Parse(AsOfQuery) is { Success: true } p && p.Value <= today ? p.Value : today;
                _asOfSet = true;
            }
            _knownOnRead = KnownOnQuery;
            var lens = await PledgeKnowledge.Lens(db, clock, Shared.Times.AsOfQuery(KnownOnQuery), CancellationToken.None);
            // A known-on day of today or later reads everything recorded, and is shown as such.
            _knownOn = lens?.Day;
            // Known on a day, the ledger is shown as of that day at the latest: nothing later was known.
            _asOf = PledgeKnowledge.Day(clock, _asOf, lens);
            _pledges = await PledgeStream.AllAsOf(db, _asOf, CancellationToken.None, lens);
            _funding = await PledgeStream.FundingEvents(db, _asOf, CancellationToken.None, lens);
            // Every pledge and event read, not only those the filters show: choosing a donor or category does not read again.
            _book = await Features.Sources.SourceBook.For(db, [.. _pledges.Select(p => p.Source), .. _funding.Select(f => f.Source)], CancellationToken.None);
            return 0;
        });
        _donors = [.. _pledges.SelectMany(p => p.Donors).Select(d => d.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Compute();
    }

    private void Choose(Action set)
    {
        set();
        Compute();
    }

    private async Task AsOfChanged(ChangeEventArgs e)
    {
        if (LocalDatePattern.Iso.Parse(e.Value?.ToString() ?? "") is { Success: true } p)
        {
            _asOf = p.Value;
            _error = null;
            await Load();
        }
        else _error = "The as-of date must be a date such as 2024-04-24.";
    }

    private void Compute()
    {
        _rows = [.. _pledges
            // A joint pledge is listed under each of its donors, and counted once.
            .Where(p => _donor == All || p.Donors.Any(d => d.Value == _donor))
            .Where(p => _category == All || p.Category.ToString() == _category)
            .OrderBy(p => p.Announced).ThenBy(p => p.Id.Value, StringComparer.Ordinal)];
        _measures = LedgerFlows.Measures(_rows);
        if (_measure is null || !_measures.Contains(_measure)) _measure = _measures.FirstOrDefault();
        _points = _measure is null ? [] : LedgerChart.Cumulative(LedgerFlows.Of(_rows, _measure));
        var funding = _funding.Where(f => _donor == All || f.Donor.Value == _donor).OrderBy(f => f.On).ToList();
        _shownFunding = funding;
        _marks = [.. funding.Select(f => new FundingMark(f.On, f.Event))];
        var bands = funding.GroupBy(f => f.Donor.Value)
            .Select(g => LedgerChart.Band([.. g.Select(f => new FundingMark(f.On, f.Event))], $"{g.Key} funding events"))
            .Where(b => b is not null).Select(b => b!).ToList();
        _options = _measure is null ? null : LedgerChart.Options(_points, _measure, _marks, bands, LedgerChart.Summary(_points, _measure, Unstated), _asOf);
        _key = $"{_asOf}|{_donor}|{_category}|{_measure}|{_points.Count}|{(_points.Count > 0 ? _points[^1] : null)}|{_marks.Count}";
    }

    /// <summary>True when part of a pledge drawn in the current measure arrived in a number no source stated.</summary>
    private bool Unstated => _measure is { } unit && _rows.Any(p => p.Lines.Any(l => l.SomeUnstated && l.Unit == unit));
}
