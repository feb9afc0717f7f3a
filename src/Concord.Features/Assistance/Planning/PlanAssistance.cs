using Concord.Domain;
using Concord.Domain.Members;
using Concord.Domain.Readiness;
using Concord.Features.Readiness;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance.Planning;

/// <summary>
/// Plans a request for assistance over the Allies' readiness data (issue 6, item 4): every Ally but the recipient with
/// a stock of a requested category is a donor; its floor defaults to 0 and its lead time to 0 days when not reported;
/// its GDP key to 0 (it takes no fair share) when it has none. Nothing is recorded.
/// </summary>
public static class PlanAssistance
{
    public sealed record Item(string? Category, int? Quantity);

    public sealed record Request(string? Recipient, IReadOnlyList<Item>? Items, string? By, string? Share, double? SpeedWeight);

    public sealed record Answer(AssistancePlan Plan, string? Notice);

    public static async Task<Result<Answer>> Handle(ConcordDbContext db, IClock clock, Request request, CancellationToken ct)
    {
        var parsed = Parse(request, Zones.BrusselsDate(clock.GetCurrentInstant()));
        if (parsed.Refusal is { } r) return r;
        var states = await ReadinessStore.LoadAll(db, ct);
        var plan = Planner.Solve(parsed.Value!, Donors(parsed.Value!, states.Values));
        return new Answer(plan, QueryReadiness.NoticeFor(states.Values));
    }

    public static IReadOnlyList<Donor> Donors(PlanRequest request, IEnumerable<AllyReadiness> states)
    {
        var wanted = request.Items.Select(i => i.Category).ToHashSet();
        return states.Where(s => s.Ally != request.Recipient)
            .Select(s => new Donor(s.Ally, s.Gdp?.UsdBn ?? 0, s.Stocks.Where(k => wanted.Contains(k.Key))
                .Select(k => new DonorStock(k.Key, (int)Math.Floor(k.Value.Quantity),
                    (int)Math.Ceiling(s.Floors.GetValueOrDefault(k.Key)?.Quantity ?? 0), k.Value.LeadDays ?? 0)).ToList()))
            .Where(d => d.Stocks.Count > 0).OrderBy(d => d.Ally.Value, StringComparer.Ordinal).ToList();
    }

    public static Result<PlanRequest> Parse(Request request, LocalDate today)
    {
        var recipient = Input.Member(request.Recipient ?? "UKR", "recipient");
        if (recipient.Refusal is { } r) return r;
        if (request.Items is not { Count: > 0 } items) return Refusal.Invalid("items", "'items' must list at least one category and quantity.");
        var lines = new List<RequestItem>();
        for (var i = 0; i < items.Count; i++)
        {
            if (StockCategory.TryParse(items[i].Category) is not { } cat)
                return Refusal.Invalid($"items[{i}].category", $"'items[{i}].category' is required: words such as air-defence.");
            if (items[i].Quantity is not > 0)
                return Refusal.Invalid($"items[{i}].quantity", $"'items[{i}].quantity' must be a positive whole number.");
            if (lines.Any(l => l.Category == cat)) return Refusal.Invalid($"items[{i}].category", $"'{cat}' is asked for twice.");
            lines.Add(new RequestItem(cat, items[i].Quantity!.Value));
        }
        var by = Input.AheadDate(request.By, "by", today);
        if (by.Refusal is { } b) return b;
        var share = Input.Enum<ShareKey>(request.Share ?? "gdp", "share");
        if (share.Refusal is { } s) return s;
        var w = request.SpeedWeight ?? 0;
        if (double.IsNaN(w) || w < 0 || w > 1) return Refusal.Invalid("speedWeight", "'speedWeight' must be a number from 0 to 1.");
        return new PlanRequest(recipient.Value, lines, by.Value, today, share.Value, w);
    }
}
