using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Assistance;
using Concord.Web.Components.Assistance;
using Microsoft.AspNetCore.Components;
using NodaTime;
using NodaTime.Text;

namespace Concord.Web.Components.Pages.Assistance;

/// <summary>
/// Delays (issue 6, items 2 and 6): the distribution of days from announcement to first delivery per donor, with
/// counts; the promised dates missed; the backlog on the chosen date; the funding events on the timeline.
/// </summary>
public partial class Delays
{
    private LocalDate _asOf;
    private bool _asOfSet;
    private string? _error;
    private DelaysView? _view;
    private BacklogView? _backlog;
    private Features.Sources.SourceBook _book = Features.Sources.SourceBook.Empty;
    private List<DonorDelays> _donors = [];
    private Vizor.ECharts.ChartOptions? _options;
    private string _key = "";

    [SupplyParameterFromQuery(Name = "asOf")] public string? AsOfQuery { get; set; }

    /// <summary>The delays as known on a day (?knownOn=): what had happened and been published by then.</summary>
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
            var known = Shared.Times.AsOfQuery(KnownOnQuery);
            // A known-on day of today or later reads everything recorded, and is shown as such.
            _knownOn = (await PledgeKnowledge.Lens(db, clock, known, CancellationToken.None))?.Day;
            // Known on a day, the delays are shown as of that day at the latest: nothing later was known.
            if (_knownOn is { } k && k < _asOf) _asOf = k;
            var view = await PledgeDelays.Handle(db, clock, _asOf, "donor", CancellationToken.None, _knownOn);
            _view = view.Value;
            _error = view.Refusal?.Reason;
            _backlog = await PledgeBacklog.Handle(db, clock, _asOf, CancellationToken.None, _knownOn);
            _book = await Features.Sources.SourceBook.For(db, (_view?.FundingEvents.Select(f => f.Source) ?? []).Concat(_view?.DelayEvents?.Select(e => e.Source) ?? []),
                CancellationToken.None);
            return 0;
        });
        // A delivery dated by its first public confirmation bounds the delay from above: the chart shows the bounds, and says so.
        var timed = _view is null ? [] : _view.Pledges.Where(p => p.FirstDeliveryDays?.AtMost is not null).ToList();
        _bounded = timed.Any(p => !p.FirstDeliveryDays!.IsExact);
        _donors = [.. timed
            .GroupBy(p => p.Donors ?? p.Donor.Value, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DonorDelays(g.Key, g.Key, [.. g.Select(p => p.FirstDeliveryDays!.AtMost!.Value)]))];
        _options = _donors.Count == 0 ? null : DelayChart.Options(_donors, Summary);
        _key = $"{_asOf}|" + string.Join("|", _donors.Select(d => $"{d.Donor}:{string.Join(",", d.Days)}"));
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

    private bool _bounded;

    private string Summary => $"As of {LedgerChart.Iso(_asOf)}" + (_bounded ? ", at most (deliveries are dated by their first public confirmation, an upper bound on arrival)" : "") + ": "
        + string.Join("; ", _donors.Select(d =>
    {
        var f = DelayChart.Summarise(d.Days);
        var most = _bounded ? "at most " : "";
        return d.Days.Count == 1
            ? $"{d.Name}, 1 pledge, {most}{f.Median:0} days"
            : $"{d.Name}, {d.Days.Count} pledges, median {most}{f.Median:0.#} days (from {f.Min:0} to {f.Max:0})";
    })) + ".";

    /// <summary>A group's percentile: exact when every date is, otherwise the upper bound ("at most 61").</summary>
    private static string Spread(decimal? exact, decimal? atMost) => exact is not null ? Days(exact) : atMost is { } m ? $"at most {m:0.#}" : "–";

    private static string Days(decimal? days) => days is { } d ? $"{d:0.#}" : "–";

    internal static string BacklogWords(Backlog b) => b.Pledges == 0 ? "Nothing outstanding."
        : (b.Pledges == 1 ? "1 pledge" : $"{b.Pledges} pledges") + " with something outstanding"
          + (b.Value.Count == 0 ? "" : ": " + string.Join(", ", b.Value.Select(v => $"{AssistanceWords.Number(v.Value)} {v.Key}")))
          + (b.Items.Count == 0 ? "." : "; items: " + string.Join(", ", b.Items.Select(i => $"{AssistanceWords.Number(i.Outstanding)} {i.Unit} of {i.Item}")) + ".")
          + (b.Undisclosed == 0 ? "" : $" {(b.Undisclosed == 1 ? "1 pledge is" : $"{b.Undisclosed} pledges are")} in no item total: a quantity undisclosed, or part delivered in a number not stated.");
}
