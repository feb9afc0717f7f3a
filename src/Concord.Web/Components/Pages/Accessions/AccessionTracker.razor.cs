using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using Concord.Features.Decisions;
using Concord.Web.Components.Decisions;
using Concord.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using NodaTime;
using NodaTime.Text;
using DecisionId = Concord.Domain.Decisions.DecisionId;

namespace Concord.Web.Components.Pages.Accessions;

/// <summary>
/// One candidate's accession tracker: where its path stands, every Party's ratification, the timeline chart, the
/// map, the analytics, and the same tracker as of any past date (<c>?asOf=YYYY-MM-DD</c>). Reloads live.
/// </summary>
public partial class AccessionTracker
{
    private AccessionView? _now;
    private AccessionView? _past;
    private DecisionView? _invitation;
    private Features.Forecasting.AccessionForecast? _forecast;
    private string? _forecastRefused;
    private string? _missing;
    private AsOfTimeline? _timeline;
    private LocalDate? _asOf;
    private (string?, LocalDate?, LocalDate?, string?) _loaded;
    private LocalDate? _knownOn;
    private Features.Sources.SourceBook _book = Features.Sources.SourceBook.Empty;
    private IReadOnlyList<Features.Statements.StatementView> _statements = [];
    private Features.Sources.SourceBook _statementSources = Features.Sources.SourceBook.Empty;

    [Parameter] public string Code { get; set; } = "";

    [SupplyParameterFromQuery(Name = "asOf")] public string? AsOfQuery { get; set; }

    /// <summary>The day whose knowledge is shown: no step, note, source or bound published later.</summary>
    [SupplyParameterFromQuery(Name = "knownOn")] public string? KnownOnQuery { get; set; }

    /// <summary>The forecast's horizon, chosen by the reader: the next summit when absent.</summary>
    [SupplyParameterFromQuery(Name = "by")] public string? ByQuery { get; set; }

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    /// <summary>The tracker as shown: as of the chosen date, or now.</summary>
    private AccessionView Shown => _past ?? _now!;

    private AccessionStatus Status => Shown.Status;

    private LocalDate? RequestedAsOf => Times.AsOfQuery(AsOfQuery);

    /// <summary>The invitation decision linked to this accession, as of the date shown.</summary>
    private StepView? InvitationStep => Shown.Steps.LastOrDefault(s => s.Step == AccessionStep.InvitationDecision && s.Decision is not null);

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded != (Code, RequestedAsOf, Times.AsOfQuery(KnownOnQuery), ByQuery)) await Load();
    }

    protected override async Task Load()
    {
        var asOf = RequestedAsOf;
        var knownOn = Times.AsOfQuery(KnownOnQuery);
        _loaded = (Code, asOf, knownOn, ByQuery);
        if (MemberCode.TryParse(Code) is not { } code)
        {
            _missing = $"'{Code}' is not a country code: codes are three letters, such as FIN or UKR.";
            _now = null;
            return;
        }
        var ct = CancellationToken.None;
        await Store.Read(Auth, async (db, clock, reader) =>
        {
            var now = await GetAccession.Handle(db, clock, code, null, ct);
            if (now.Refusal is { } refusal) { _missing = refusal.Reason; _now = null; return 0; }
            _now = now.Value!;
            _missing = null;
            _book = await Features.Sources.SourceBook.For(db, _now.Steps.Select(s => s.Source), ct);
            var today = Zones.BrusselsDate(clock.GetCurrentInstant());
            var dates = _now.Steps.Select(s => s.Date.Placed).ToList();
            var opened = dates.Count == 0 ? today : dates.Min();
            _timeline = new AsOfTimeline(opened, dates, today);
            _asOf = asOf is { } d ? _timeline.Clamp(d) : null;
            _past = _asOf is not null || knownOn is not null ? (await GetAccession.Handle(db, clock, code, _asOf, ct, knownOn)).Value : null;
            // The view says whether it is read as known on a day (one before today); the page does not decide it again.
            _knownOn = _past?.KnownOn;
            // The candidate's statements as of the same day and known on the same day: linked by the candidate, whether or
            // not they were recorded before its accession was.
            _statements = (await Features.Statements.ListStatements.Handle(db, clock,
                new Features.Statements.StatementFilter(Accession: code.Value, AsOf: _asOf, KnownOn: knownOn), reader, ct)).Value ?? [];
            _statementSources = await Features.Sources.SourceBook.For(db, _statements.Select(s => s.Source), ct);
            // A model's forecast, for a protocol signed and not yet in force on the day shown: read as known on that day.
            var shown = Shown.Status;
            var signedBy = shown.ProtocolSigned is { } signed && signed.HappenedBy(shown.AsOf);
            var inForce = shown.EnteredIntoForce is { } eif && eif.HappenedBy(shown.AsOf);
            var forecast = signedBy && !inForce
                ? await Features.Forecasting.ForecastAccession.Handle(db, clock, code.Value, _asOf is { } forecastDay ? LocalDatePattern.Iso.Format(forecastDay) : null, ByQuery, ct)
                : default;
            _forecast = forecast.Value;
            // A horizon the reader typed that cannot be one (before the day shown, too far ahead) is refused in words.
            _forecastRefused = forecast.Refusal?.Reason;
            _invitation = null;
            if (InvitationStep?.Decision is { } decision && DecisionId.TryParse(decision) is { } id)
            {
                var at = _asOf is { } day ? Zones.EndOf(day) : (Instant?)null;
                // Read as known on the same day as the tracker: a conclusion reached later was not known then.
                _invitation = (await GetDecision.Handle(db, clock, id, at, reader, ct, _knownOn)).Value;
            }
            return 0;
        });
    }

    private void ForecastBy(LocalDate? date) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("by", date is { } d ? LocalDatePattern.Iso.Format(d) : null),
            new NavigationOptions { ReplaceHistoryEntry = true });

    private void TravelTo(LocalDate? date) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("asOf", date is { } d ? LocalDatePattern.Iso.Format(d) : null),
            new NavigationOptions { ReplaceHistoryEntry = true });

    private int Parties => Status.Parties.Count;

    private double Percent => Parties == 0 ? 0 : 100.0 * Status.RatifiedCount / Parties;

    private string ProgressText => $"{Status.RatifiedCount} of {Parties} Parties ratified";

    private string LastWords => Status.LastRatifier is { } last ? $"; {Status.Parties.FirstOrDefault(p => p.Party == last)?.Name ?? last.Value} ratified last" : "";

    private DateWindow? StepDate(AccessionStep step) => Shown.Steps.LastOrDefault(s => s.Step == step)?.Date;

    private StepView? StepOf(AccessionStep step) => Shown.Steps.LastOrDefault(s => s.Step == step);
}
