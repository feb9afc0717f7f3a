using Concord.Domain;
using Concord.Features;
using Concord.Features.Access;
using Concord.Features.Assistance;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Concord.Web.Api;

/// <summary>/api/v1/assistance: pledges of assistance, their progress and deliveries, delays and backlog as of any date, the ledger export.</summary>
public static class AssistanceApi
{
    public static RouteGroupBuilder MapAssistanceApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/assistance").WithTags("Assistance");
        group.MapPost("/pledges", Announce)
            .WithSummary("Record a pledge {id?, donor, recipient, announced, category, items[{item, quantity, unit}], value{amount, currency, valuedOn?, method?}, promisedBy?, source?, basis?, note?}; a delegation for its own state as donor.")
            .RequirePermission(Permission.RecordPledge);
        group.MapPost("/pledges/{id}/status", (ConcordDbContext db, IClock clock, HttpContext http, string id, AdvanceRequest request, CancellationToken ct) =>
                Write(AdvancePledge.Handle(db, clock, id, request, Problems.Writer(http), ct)))
            .WithSummary("Move a pledge up the ladder {status: committed|allocated|contracted|inTransit, on}.").RequirePermission(Permission.RecordPledge);
        group.MapPost("/pledges/{id}/deliveries", (ConcordDbContext db, IClock clock, HttpContext http, string id, DeliveryRequest request, CancellationToken ct) =>
                Write(DeliverPledge.Handle(db, clock, id, request, Problems.Writer(http), ct)))
            .WithSummary("Record a delivery {on, dateQualifier? (on, onOrBefore for a public confirmation that bounds the arrival, month, between), extent? (items, some: part in a number no source stated, rest: all outstanding), items[{item, quantity, unit}] (for extent items), value?}; never more than is outstanding.").RequirePermission(Permission.RecordPledge);
        group.MapPost("/pledges/{id}/amendments", (ConcordDbContext db, IClock clock, HttpContext http, string id, AmendRequest request, CancellationToken ct) =>
                Write(AmendPledge.Handle(db, clock, id, request, Problems.Writer(http), ct)))
            .WithSummary("Amend a pledge {on, items?, value?, promisedBy?}: a new event, never an edit.").RequirePermission(Permission.RecordPledge);
        group.MapPost("/pledges/{id}/cancellation", (ConcordDbContext db, IClock clock, HttpContext http, string id, CancelRequest request, CancellationToken ct) =>
                Write(CancelPledge.Handle(db, clock, id, request, Problems.Writer(http), ct)))
            .WithSummary("Cancel a pledge {on, reason?}; what was delivered stays delivered.").RequirePermission(Permission.RecordPledge);
        group.MapGet("/pledges", List)
            .WithSummary("The pledges as of a date (asOf=YYYY-MM-DD, today by default), filtered by donor, recipient, category and status; knownOn=YYYY-MM-DD for what had been published by that day (the view is then as of that day at the latest).").RequirePermission(Permission.ReadPublic);
        group.MapGet("/pledges/{id}", Get).WithSummary("A pledge as of a date, with its history up to then; knownOn=YYYY-MM-DD for what had been published by that day.").RequirePermission(Permission.ReadPublic);
        group.MapGet("/delays", Delays)
            .WithSummary("Delays as of a date, by=donor|category|month: counts, percentiles of days to first delivery, missed promises, backlog; with the funding events of the timeline; knownOn=YYYY-MM-DD for what had been published by that day.")
            .RequirePermission(Permission.ReadPublic);
        group.MapGet("/backlog", Backlog).WithSummary("What is pledged and not yet delivered on a date: per item and unit, value per currency, per donor; knownOn=YYYY-MM-DD for what had been published by that day.").RequirePermission(Permission.ReadPublic);
        group.MapGet("/export", Export).WithSummary("The ledger, one row per pledge: format=csv|json (docs/data-formats.md); asOf and knownOn as for the pledges.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv", "application/json").RequirePermission(Permission.ReadPublic);
        return api;
    }

    private static async Task<Results<Created<PledgeView>, ProblemHttpResult>> Announce(
        ConcordDbContext db, IClock clock, HttpContext http, AnnounceRequest request, CancellationToken ct)
    {
        var result = await AnnouncePledge.Handle(db, clock, request, Problems.Writer(http), ct);
        return result.Refusal is { } r ? Problems.From(r) : TypedResults.Created($"/api/v1/assistance/pledges/{result.Value!.Id}", result.Value);
    }

    private static async Task<Results<Ok<PledgeView>, ProblemHttpResult>> Write(Task<Result<PledgeView>> call) => Problems.Answer(await call);

    private static async Task<Results<Ok<IReadOnlyList<PledgeView>>, ProblemHttpResult>> List(ConcordDbContext db, IClock clock,
        string? donor, string? recipient, string? category, string? status, string? asOf, string? knownOn, CancellationToken ct)
    {
        var date = AsOf(asOf);
        if (date.Refusal is { } r) return Problems.From(r);
        var known = Day(knownOn, "knownOn");
        if (known.Refusal is { } k) return Problems.From(k);
        return Problems.Answer(await ListPledges.Handle(db, clock, new PledgeFilter(donor, recipient, category, status), date.Value, ct, known.Value));
    }

    private static async Task<Results<Ok<PledgeView>, ProblemHttpResult>> Get(ConcordDbContext db, IClock clock, string id, string? asOf, string? knownOn,
        CancellationToken ct)
    {
        var date = AsOf(asOf);
        if (date.Refusal is { } r) return Problems.From(r);
        var known = Day(knownOn, "knownOn");
        if (known.Refusal is { } k) return Problems.From(k);
        return Problems.Answer(await GetPledge.Handle(db, clock, id, date.Value, ct, known.Value));
    }

    private static async Task<Results<Ok<DelaysView>, ProblemHttpResult>> Delays(ConcordDbContext db, IClock clock, string? by, string? asOf, string? knownOn,
        CancellationToken ct)
    {
        var date = AsOf(asOf);
        if (date.Refusal is { } r) return Problems.From(r);
        var known = Day(knownOn, "knownOn");
        if (known.Refusal is { } k) return Problems.From(k);
        return Problems.Answer(await PledgeDelays.Handle(db, clock, date.Value, by, ct, known.Value));
    }

    private static async Task<Results<Ok<BacklogView>, ProblemHttpResult>> Backlog(ConcordDbContext db, IClock clock, string? asOf, string? knownOn, CancellationToken ct)
    {
        var date = AsOf(asOf);
        if (date.Refusal is { } r) return Problems.From(r);
        var known = Day(knownOn, "knownOn");
        if (known.Refusal is { } k) return Problems.From(k);
        return TypedResults.Ok(await PledgeBacklog.Handle(db, clock, date.Value, ct, known.Value));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Export(ConcordDbContext db, IClock clock, string? format, string? asOf, string? knownOn,
        CancellationToken ct)
    {
        var date = AsOf(asOf);
        if (date.Refusal is { } r) return Problems.From(r);
        var known = Day(knownOn, "knownOn");
        if (known.Refusal is { } k) return Problems.From(k);
        var result = await LedgerExport.Handle(db, clock, format, date.Value, ct, known.Value);
        if (result.Refusal is { } refused) return Problems.From(refused);
        var json = string.Equals(format?.Trim(), "json", StringComparison.OrdinalIgnoreCase);
        return TypedResults.Content(result.Value!, json ? "application/json" : "text/csv; charset=utf-8");
    }

    private static Result<LocalDate?> AsOf(string? text) => Day(text, "asOf");

    private static Result<LocalDate?> Day(string? text, string field)
    {
        if (text is null) return new Result<LocalDate?>(null, null);
        var date = Input.Date(text, field);
        if (date.Refusal is { } r) return r;
        return new Result<LocalDate?>(date.Value, null);
    }
}
