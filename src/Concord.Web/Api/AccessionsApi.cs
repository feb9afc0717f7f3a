using Concord.Features.Access;
using Concord.Web.Hosting;
using Concord.Domain;
using Concord.Features;
using Concord.Features.Accessions;
using Concord.Features.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Concord.Web.Api;

/// <summary>/api/v1/accessions: candidates' paths to membership, every Party's ratification, as of any date.</summary>
public static class AccessionsApi
{
    /// <summary>
    /// A ratification stage as a delegation records it; <c>corrects: "yes"</c> when it corrects the date recorded for the
    /// same stage (a different date is otherwise refused), with its own source.
    /// </summary>
    public sealed record RatificationRequest(string? Party = null, string? Stage = null, string? Date = null, string? DateQualifier = null,
        string? Source = null, string? Confidence = null, string? Note = null, string? Corrects = null);

    public static RouteGroupBuilder MapAccessionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/accessions").WithTags("Accessions");
        group.MapGet("/", List)
            .WithSummary("Every accession followed, in progress first, with its stage and ratification count; asOf=YYYY-MM-DD for where each stood at the end of that day (a path with no step by then is left out), knownOn=YYYY-MM-DD for what had been published by that day.").RequirePermission(Permission.ReadPublic);
        group.MapPost("/", Open).WithSummary("Start following a candidate {candidate, name}. Accepts an Idempotency-Key header.").RequirePermission(Permission.RecordAccessionStep);
        group.MapGet("/{candidate}", Get)
            .WithSummary("An accession: the ratification table of every Party, entry into force, membership, analytics; asOf=YYYY-MM-DD for time travel (the day shown), knownOn=YYYY-MM-DD for what had been published by that day (no step, note, source or bound published later).").RequirePermission(Permission.ReadPublic);
        group.MapPost("/{candidate}/steps", Step)
            .WithSummary("Record a step: application, declaration (an Alliance declaration or meeting about the path, with its summit), membershipActionPlan, mapWaived, invitationDecision, invitation, accessionTalks, protocolSigned, ratification, ratificationWithdrawn, lastRatification (the Party whose deposit was the last), protocolInForce, invitationToAccede, candidateApproval, accessionDeposited. dateQualifier: on (default), onOrBefore, onOrAfter, between (date YYYY-MM-DD/YYYY-MM-DD) or month (date YYYY-MM).").RequirePermission(Permission.RecordAccessionStep);
        group.MapPost("/{candidate}/ratifications", Ratify)
            .WithSummary("Record one stage of a Party's ratification (committee, lowerHouse, upperHouse, parliamentaryApproval, headOfStateSignature, publication, executiveRatification, deposit); dateQualifier onOrBefore, onOrAfter, between (date YYYY-MM-DD/YYYY-MM-DD) or month (date YYYY-MM) for a date known only within a window; corrects 'yes' (with a source) for a correction of a date recorded.").RequirePermission(Permission.RecordRatification);
        return api;
    }

    private static async Task<Results<Created<AccessionView>, ProblemHttpResult>> Open(
        ConcordDbContext db, IClock clock, HttpContext http, RecordAccessionStep.OpenRequest request, CancellationToken ct)
    {
        var result = await RecordAccessionStep.Open(db, clock, request, Problems.Writer(http), ct);
        return result.Refusal is { } r ? Problems.From(r)
            : TypedResults.Created($"/api/v1/accessions/{result.Value!.Status.Candidate}", result.Value);
    }

    private static async Task<Results<Ok<IReadOnlyList<AccessionSummary>>, ProblemHttpResult>> List(ConcordDbContext db, IClock clock, string? asOf, string? knownOn,
        CancellationToken ct)
    {
        var date = asOf is null ? new Result<LocalDate>(default, null) : Input.Date(asOf, "asOf");
        if (date.Refusal is { } badDate) return Problems.From(badDate);
        var known = knownOn is null ? new Result<LocalDate>(default, null) : Input.Date(knownOn, "knownOn");
        if (known.Refusal is { } badKnown) return Problems.From(badKnown);
        return TypedResults.Ok(await ListAccessions.Handle(db, clock, ct, asOf is null ? null : date.Value, knownOn is null ? null : known.Value));
    }

    private static async Task<Results<Ok<AccessionView>, ProblemHttpResult>> Get(ConcordDbContext db, IClock clock, string candidate, string? asOf, string? knownOn,
        CancellationToken ct)
    {
        if (Domain.Members.MemberCode.TryParse(candidate) is not { } code) return NoSuch(candidate);
        var date = asOf is null ? new Result<LocalDate>(default, null) : Input.Date(asOf, "asOf");
        var known = knownOn is null ? new Result<LocalDate>(default, null) : Input.Date(knownOn, "knownOn");
        if ((date.Refusal ?? known.Refusal) is { } refusal) return Problems.From(refusal);
        return Problems.Answer(await GetAccession.Handle(db, clock, code, asOf is null ? null : date.Value, ct, knownOn is null ? null : known.Value));
    }

    private static async Task<Results<Ok<AccessionView>, ProblemHttpResult>> Step(
        ConcordDbContext db, IClock clock, HttpContext http, string candidate, StepRequest request, CancellationToken ct) =>
        Domain.Members.MemberCode.TryParse(candidate) is { } code
            ? Problems.Answer(await RecordAccessionStep.Handle(db, clock, code, request, Problems.Writer(http), ct))
            : NoSuch(candidate);

    private static async Task<Results<Ok<AccessionView>, ProblemHttpResult>> Ratify(
        ConcordDbContext db, IClock clock, HttpContext http, string candidate, RatificationRequest r, CancellationToken ct) =>
        Domain.Members.MemberCode.TryParse(candidate) is { } code
            ? Problems.Answer(await RecordAccessionStep.Handle(db, clock, code,
                new StepRequest("ratification", r.Date, r.DateQualifier, r.Party, r.Stage, null, null, null, r.Source, r.Confidence, r.Note, r.Corrects),
                Problems.Writer(http), ct))
            : NoSuch(candidate);

    private static ProblemHttpResult NoSuch(string candidate) =>
        Problems.From(Refusal.NotFound($"There is no accession of '{candidate}'. Candidates are named by ISO 3166-1 alpha-3 codes, e.g. FIN."));
}
