using Concord.Features.Access;
using Concord.Web.Hosting;
using Concord.Domain;
using DecisionId = Concord.Domain.Decisions.DecisionId;
using Concord.Features;
using Concord.Features.Decisions;
using Concord.Features.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Concord.Web.Api;

/// <summary>/api/v1/decisions: open decisions, record positions, run the silence procedure, read outcomes as of any date.</summary>
public static class DecisionsApi
{
    /// <param name="Outcome">adopted or lapsed, as a source records it; absent: the outcome the rule gives now.</param>
    /// <param name="Concluded">The day (or instant) the decision ended, with an outcome; now when absent.</param>
    /// <param name="Source">Where the recorded outcome is known from; required with an outcome.</param>
    public sealed record ConcludeRequest(int? ExpectedVersion = null, string? Outcome = null, string? Concluded = null, string? Source = null, string? Note = null);

    public static RouteGroupBuilder MapDecisionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/decisions").WithTags("Decisions");
        group.MapGet("/", List)
            .WithSummary($"The decisions the reader may see, newest opened first, with their outcome now (withheld where it may not see every position), optionally those due at one summit; at most 'limit' (default {ListDecisions.DefaultLimit}, max {ListDecisions.MaxLimit}), and when there are more a Link header (rel=\"next\") with the 'after' cursor of the next page.")
            .RequirePermission(Permission.ReadPublic);
        group.MapPost("/", Open).WithSummary("Open a decision (secretariat). Accepts an Idempotency-Key header.").RequirePermission(Permission.OpenDecision);
        group.MapGet("/{id}", Get).Produces<DecisionView>().WithSummary("A decision: outcome, blockers, who is still to act, what it would take; asOf (a date or instant) for time travel, knownOn=YYYY-MM-DD for what had been published by that day (no position, note, source or conclusion published later).").RequirePermission(Permission.ReadPublic);
        group.MapPost("/{id}/positions", Record).WithSummary("Record a member's position. Accepts an Idempotency-Key header and expectedVersion.").RequirePermission(Permission.RecordPosition);
        group.MapPost("/{id}/judgments", Judge)
            .WithSummary("Record an analyst's judgment (secretariat, analysts): the probability, from 0 to 1, that a member concurs by a day ('by'), with its rationale and source; 'made' (default now) is the day it was made. Kept apart from the decision (its version does not move), marked like a position (the decision's marking unless higher), never a fact. 422: a probability outside [0, 1], a member not seated on the day it is made, a concluded decision. Accepts an Idempotency-Key header.")
            .ProducesProblem(422).RequirePermission(Permission.RecordJudgment);
        group.MapGet("/{id}/positions", History).WithSummary("Every position change on the decision, as it happened, optionally for one member.").RequirePermission(Permission.ReadPublic);
        group.MapPost("/{id}/silence", Silence).WithSummary("Put the draft under silence until a deadline (Europe/Brussels when no offset), or re-issue it after silence was broken.").RequirePermission(Permission.ManageDecision);
        group.MapPost("/{id}/conclusion", Conclude).WithSummary("Close the decision with the outcome its rule gives now (adopted, or lapsed); or record the outcome a source gives (outcome adopted|lapsed, concluded, source), refused (422) when it contradicts the positions standing that day.").RequirePermission(Permission.ManageDecision);
        group.MapPost("/{id}/withdrawal", Withdraw).WithSummary("Withdraw the decision.").RequirePermission(Permission.ManageDecision);
        group.MapPost("/{id}/release", Release)
            .WithSummary("Release an outcome statement (e.g. \"No consensus.\") shown to readers not cleared for every position, instead of the tally.")
            .RequirePermission(Permission.ManageDecision);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<DecisionSummary>>, ProblemHttpResult>> List(
        ConcordDbContext db, IClock clock, HttpContext http, string? summit, int? limit, string? after, CancellationToken ct)
    {
        if (limit is < 1 or > ListDecisions.MaxLimit) return Problems.From(Refusal.Invalid("limit", $"'limit' must be between 1 and {ListDecisions.MaxLimit}."));
        DecisionCursor? cursor = null;
        if (after is not null && (cursor = DecisionCursor.Decode(after)) is null)
            return Problems.From(Refusal.Invalid("after", "'after' is not a cursor this list gave; take it from the Link header of the previous page."));
        var (rows, next) = await ListDecisions.Page(db, clock, new DecisionQuery(Summit: summit, After: cursor, Limit: limit ?? ListDecisions.DefaultLimit), http.Reader(), ct);
        if (next is not null)
        {
            var query = new List<KeyValuePair<string, string?>>();
            if (summit is not null) query.Add(new("summit", summit));
            if (limit is not null) query.Add(new("limit", limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            query.Add(new("after", next.Encode()));
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}{Microsoft.AspNetCore.Http.QueryString.Create(query)}>; rel=\"next\"";
        }
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Created<DecisionView>, ProblemHttpResult>> Open(
        ConcordDbContext db, IClock clock, HttpContext http, OpenDecision.Request request, CancellationToken ct)
    {
        var result = await OpenDecision.Handle(db, clock, request, Problems.Writer(http), ct);
        return result.Refusal is { } r ? Problems.From(r) : TypedResults.Created($"/api/v1/decisions/{result.Value!.Id}", result.Value);
    }

    private static async Task<Results<Ok<DecisionView>, ProblemHttpResult, KeptJson<DecisionView>>> Get(
        ConcordDbContext db, IClock clock, HttpContext http, string id, string? asOf, string? knownOn, CancellationToken ct)
    {
        if (DecisionId.TryParse(id) is not { } decision) return NoSuch(id);
        Instant? at = null;
        if (asOf is not null)
        {
            var parsed = Input.AsOf(asOf);
            if (parsed.Refusal is { } r) return Problems.From(r);
            at = parsed.Value;
        }
        LocalDate? day = null;
        if (knownOn is not null)
        {
            var parsed = Input.Date(knownOn, "knownOn");
            if (parsed.Refusal is { } r) return Problems.From(r);
            day = parsed.Value;
        }
        var result = await GetDecision.Handle(db, clock, decision, at, http.Reader(), ct, day);
        if (result.Refusal is { } refused) return Problems.From(refused);
        // The decision as it stands is the same object for every reader who sees it alike, until the log moves.
        return at is null && result.Value!.KnownOn is null ? new KeptJson<DecisionView>(result.Value!) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> Record(
        ConcordDbContext db, IClock clock, HttpContext http, string id, RecordPosition.Request request, CancellationToken ct) =>
        DecisionId.TryParse(id) is { } decision
            ? Problems.Answer(await RecordPosition.Handle(db, clock, decision, request, Problems.Writer(http), ct))
            : NoSuch(id);

    private static async Task<Results<Created<JudgmentView>, ProblemHttpResult>> Judge(
        ConcordDbContext db, IClock clock, HttpContext http, string id, RecordJudgment.Request request, CancellationToken ct)
    {
        if (DecisionId.TryParse(id) is not { } decision) return NoSuch(id);
        var result = await RecordJudgment.Handle(db, clock, decision, request, Problems.Writer(http), ct);
        return result.Refusal is { } r ? Problems.From(r) : TypedResults.Created($"/api/v1/forecasts/decisions/{Uri.EscapeDataString(decision.Value)}", result.Value);
    }

    private static async Task<Results<Ok<IReadOnlyList<PositionChangeView>>, ProblemHttpResult>> History(
        ConcordDbContext db, HttpContext http, string id, string? member, CancellationToken ct)
    {
        if (DecisionId.TryParse(id) is not { } decision) return NoSuch(id);
        Domain.Members.MemberCode? code = null;
        if (member is not null)
        {
            var parsed = Input.Member(member, "member");
            if (parsed.Refusal is { } r) return Problems.From(r);
            code = parsed.Value;
        }
        return Problems.Answer(await PositionHistory.Handle(db, decision, code, http.Reader(), ct));
    }

    private static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> Silence(
        ConcordDbContext db, IClock clock, HttpContext http, string id, PutUnderSilence.Request request, CancellationToken ct) =>
        DecisionId.TryParse(id) is { } decision
            ? Problems.Answer(await PutUnderSilence.Handle(db, clock, decision, request, Problems.Writer(http), ct))
            : NoSuch(id);

    private static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> Conclude(
        ConcordDbContext db, IClock clock, HttpContext http, string id, ConcludeRequest? request, CancellationToken ct) =>
        DecisionId.TryParse(id) is { } decision
            ? Problems.Answer(await ConcludeDecision.Handle(db, clock, decision,
                new ConcludeDecision.Request(request?.ExpectedVersion, request?.Outcome, request?.Concluded, request?.Source, request?.Note), Problems.Writer(http), ct))
            : NoSuch(id);

    private static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> Withdraw(
        ConcordDbContext db, IClock clock, HttpContext http, string id, WithdrawDecision.Request request, CancellationToken ct) =>
        DecisionId.TryParse(id) is { } decision
            ? Problems.Answer(await WithdrawDecision.Handle(db, clock, decision, request, Problems.Writer(http), ct))
            : NoSuch(id);

    private static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> Release(
        ConcordDbContext db, IClock clock, HttpContext http, string id, ReleaseOutcome.Request request, CancellationToken ct) =>
        DecisionId.TryParse(id) is { } decision
            ? Problems.Answer(await ReleaseOutcome.Handle(db, clock, decision, request, Problems.Writer(http), ct))
            : NoSuch(id);

    private static ProblemHttpResult NoSuch(string id) => Problems.From(Refusal.NotFound($"There is no decision '{id}'."));
}
