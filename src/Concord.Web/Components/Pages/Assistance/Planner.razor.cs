using Concord.Features.Access;
using Concord.Features.Assistance.Planning;
using Concord.Features.Readiness;
using NodaTime;

namespace Concord.Web.Components.Pages.Assistance;

/// <summary>
/// The planner (issue 6, items 4 and 6): a request per category with quantities, a date, the burden key and the weight
/// on speed; the proposal per donor and category with readiness after and burden shares, or the shortfalls naming the
/// floors that bind. For signed-in accounts (<see cref="Permission.Read"/>); refusals shown in words in the form.
/// </summary>
public partial class Planner
{
    private bool _allowed;
    private bool _solving;
    private string? _refusal;
    private PlanAssistance.Answer? _answer;
    private List<string> _categories = [];
    private readonly PlanForm _form = new();

    public sealed class PlanItem
    {
        public string? Category { get; set; }
        public int? Quantity { get; set; }
    }

    public sealed class PlanForm
    {
        public string? Recipient { get; set; } = "UKR";
        public List<PlanItem> Items { get; set; } = [new()];
        public DateOnly? By { get; set; }
        public string Share { get; set; } = "gdp";
        public double SpeedWeight { get; set; }
    }

    protected override async Task Load()
    {
        var reader = await Concord.Web.Components.Shared.ConcordStore.ReaderOf(Auth);
        _allowed = Access.Allows(reader, Permission.Read);
        if (!_allowed) return;
        var overview = await Store.Read(Auth, async (db, clock, _) =>
        {
            _form.By ??= DateOnly.FromDateTime(clock.GetCurrentInstant().ToDateTimeUtc()).AddDays(90);
            return await QueryReadiness.All(db, CancellationToken.None);
        });
        _categories = [.. overview.Allies.SelectMany(a => a.Stocks).Select(s => s.Category.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (_form.Items.Count == 1 && _form.Items[0].Category is null) _form.Items[0].Category = _categories.FirstOrDefault();
    }

    private async Task Solve()
    {
        _solving = true;
        _refusal = null;
        try
        {
            var request = new PlanAssistance.Request(_form.Recipient,
                [.. _form.Items.Select(i => new PlanAssistance.Item(i.Category, i.Quantity))],
                _form.By?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), _form.Share, _form.SpeedWeight);
            var result = await Store.Read(Auth, (db, clock, _) => PlanAssistance.Handle(db, clock, request, CancellationToken.None));
            if (result.Refusal is { } refusal) { _refusal = refusal.Reason; _answer = null; }
            else _answer = result.Value;
        }
        finally { _solving = false; }
    }
}
