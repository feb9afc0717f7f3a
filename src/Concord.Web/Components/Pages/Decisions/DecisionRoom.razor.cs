using Concord.Domain;
using Concord.Features.Decisions;
using Concord.Web.Components.Decisions;
using Concord.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using DecisionId = Concord.Domain.Decisions.DecisionId;

namespace Concord.Web.Components.Pages.Decisions;

/// <summary>
/// The decision room: where a decision stands and why, who holds what position, its history, and the same room
/// as of any past date (<c>?asOf=YYYY-MM-DD</c>) and as known on any day (<c>?knownOn=YYYY-MM-DD</c>: nothing published
/// later), both kept in the address so a view can be shared. Reloads live.
/// </summary>
public partial class DecisionRoom
{
    private Features.Sources.SourceBook _book = Features.Sources.SourceBook.Empty;
    private IReadOnlyList<Features.Statements.StatementView> _statements = [];
    private Features.Sources.SourceBook _statementSources = Features.Sources.SourceBook.Empty;

    private DecisionView? _current;
    private Features.Forecasting.DecisionForecast? _forecast;
    private DecisionView? _past;
    private string? _notYet;
    private string? _missing;
    private IReadOnlyList<PositionChangeView> _history = [];
    private IReadOnlyDictionary<string, string> _names = new Dictionary<string, string>();
    private AsOfTimeline? _timeline;
    private LocalDate? _asOf;
    private LocalDate? _knownOn;
    private (string?, LocalDate?, LocalDate?) _loaded;

    [Parameter] public string Id { get; set; } = "";

    [SupplyParameterFromQuery(Name = "asOf")] public string? AsOfQuery { get; set; }

    [SupplyParameterFromQuery(Name = "knownOn")] public string? KnownOnQuery { get; set; }

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    /// <summary>The room as shown: as of the chosen date, or now.</summary>
    private DecisionView Shown => _past ?? _current!;

    /// <summary>
    /// The header's facts: those known on the chosen day when one is chosen (nothing published later; none when nothing of
    /// the decision was known then), else now.
    /// </summary>
    private DecisionView? Head => _knownOn is not null ? _past : _current;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded != (Id, RequestedAsOf, Times.AsOfQuery(KnownOnQuery))) await Load();
    }

    private LocalDate? RequestedAsOf => Times.AsOfQuery(AsOfQuery);

    protected override async Task Load()
    {
        var asOf = RequestedAsOf;
        var knownOn = Times.AsOfQuery(KnownOnQuery);
        _loaded = (Id, asOf, knownOn);
        if (DecisionId.TryParse(Id) is not { } id)
        {
            _missing = $"'{Id}' is not a decision id: ids are lower-case letters, digits and dashes.";
            return;
        }
        var ct = CancellationToken.None;
        await Store.Read(Auth, async (db, clock, reader) =>
        {
            var now = await GetDecision.Handle(db, clock, id, null, reader, ct);
            if (now.Refusal is { } refusal) { _missing = refusal.Reason; return 0; }
            _current = now.Value!;
            _missing = null;
            _book = await Features.Sources.SourceBook.For(db, [_current.ConclusionSource, .. _current.Positions.Select(p => p.Source)], ct);
            _history = (await PositionHistory.Handle(db, id, null, reader, ct)).Value ?? [];
            _names = await db.Members.AsNoTracking().Where(m => m.Body == _current.Body)
                .ToDictionaryAsync(m => m.Code, m => m.Name, StringComparer.Ordinal, ct);
            _timeline = new AsOfTimeline(Zones.BrusselsDate(_current.Opened), _history.Select(h => Zones.BrusselsDate(h.Effective)),
                Zones.BrusselsDate(clock.GetCurrentInstant()));
            _asOf = asOf is { } d ? _timeline.Clamp(d) : null;
            _past = null;
            _notYet = null;
            _knownOn = null;
            if (_asOf is not null || knownOn is not null)
            {
                var past = await GetDecision.Handle(db, clock, id, _asOf is { } date ? Zones.EndOf(date) : null, reader, ct, knownOn);
                if (past.Refusal is { } r) _notYet = r.Reason; else _past = past.Value;
                _knownOn = _past?.KnownOn ?? (past.Refusal is null ? null : knownOn);
            }
            // A forecast looks ahead from now, of a decision not yet closed (a closed one's outcome is a fact): not read for a
            // view of the past, nor for a concluded or withdrawn decision, where the page would not show it.
            _forecast = _asOf is null && _knownOn is null && _current.Status is not (DecisionStatus.Concluded or DecisionStatus.Withdrawn)
                ? (await Features.Forecasting.ForecastDecision.Handle(db, clock, id.Value, null, reader, ct)).Value
                : null;
            _statements = (await Features.Statements.ListStatements.Handle(db, clock,
                new Features.Statements.StatementFilter(Decision: id.Value, AsOf: _asOf, KnownOn: knownOn), reader, ct)).Value ?? [];
            _statementSources = await Features.Sources.SourceBook.For(db, _statements.Select(s => s.Source), ct);
            return 0;
        });
    }

    private void TravelTo(LocalDate? date) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("asOf", date is { } d ? LocalDatePattern.Iso.Format(d) : null),
            new NavigationOptions { ReplaceHistoryEntry = true });

    /// <summary>After this page's own write: show it at once (the watcher would also bring it within a second).</summary>
    private Task Written(DecisionView view) => Reload();

    /// <summary>"Open", "Concluded on 11 July 2024", "Withdrawn on …": shown to every reader, whatever it may see of the outcome.</summary>
    private static string StatusWords(DecisionView view) => view.Status switch
    {
        DecisionStatus.Concluded => view.Closed is { } c ? $"concluded on {Times.Date(c)}" : "concluded",
        DecisionStatus.Withdrawn => view.Closed is { } w ? $"withdrawn on {Times.Date(w)}" : "withdrawn",
        DecisionStatus.SilenceDeadlinePassed => "silence deadline passed; outcome as released",
        _ => "open",
    };

    private string NameOf(string code) => _names.TryGetValue(code, out var name) ? name : code;
}
