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
    /// <summary>A ratification stage as a delegation records it.</summary>
    public sealed record RatificationRequest(string? Party = null, string? Stage = null, string? Date = null, string? DateQualifier = null,
        string? Source = null, string? Confidence = null, string? Note = null);

    public static RouteGroupBuilder MapAccessionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/accessions").WithTags("Accessions");
        group.MapGet("/", async (ConcordDbContext db, IClock clock, CancellationToken ct) => TypedResults.Ok(await ListAccessions.Handle(db, clock, ct)))
            .WithSummary("Every accession followed, in progress first, with its stage and ratification count.").RequirePermission(Permission.ReadPublic);
        group.MapPost("/", Open).WithSummary("Start following a candidate {candidate, name}. Accepts an Idempotency-Key header.").RequirePermission(Permission.RecordAccessionStep);
        group.MapGet("/{candidate}", Get)
            .WithSummary("An accession: the ratification table of every Party, entry into force, membership, analytics; asOf=YYYY-MM-DD for time travel.").RequirePermission(Permission.ReadPublic);
        group.MapPost("/{candidate}/steps", Step)
            .WithSummary("Record a step: application, declaration (an Alliance declaration or meeting about the path, with its summit), membershipActionPlan, mapWaived, invitationDecision, invitation, accessionTalks, protocolSigned, ratification, ratificationWithdrawn, invitationToAccede, candidateApproval, accessionDeposited.").RequirePermission(Permission.RecordAccessionStep);
        group.MapPost("/{candidate}/ratifications", Ratify)
            .WithSummary("Record one stage of a Party's ratification (committee, lowerHouse, upperHouse, parliamentaryApproval, headOfStateSignature, publication, executiveRatification, deposit); dateQualifier 'onOrBefore' for a bounded date.").RequirePermission(Permission.RecordRatification);
        return api;
    }

    private static async Task<Results<Created<AccessionView>, ProblemHttpResult>> Open(
        ConcordDbContext db, IClock clock, HttpContext http, RecordAccessionStep.OpenRequest request, CancellationToken ct)
    {
        var result = await RecordAccessionStep.Open(db, clock, request, Problems.Writer(http), ct);
        return result.Refusal is { } r ? Problems.From(r)
            : TypedResults.Created($"/api/v1/accessions/{result.Value!.Status.Candidate}", result.Value);
    }

    private static async Task<Results<Ok<AccessionView>, ProblemHttpResult>> Get(ConcordDbContext db, IClock clock, string candidate, string? asOf, CancellationToken ct)
    {
        if (Domain.Members.MemberCode.TryParse(candidate) is not { } code) return NoSuch(candidate);
        LocalDate? date = null;
        if (asOf is not null)
        {
            var parsed = Input.Date(asOf, "asOf");
            if (parsed.Refusal is { } r) return Problems.From(r);
            date = parsed.Value;
        }
        return Problems.Answer(await GetAccession.Handle(db, clock, code, date, ct));
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
                new StepRequest("ratification", r.Date, r.DateQualifier, r.Party, r.Stage, null, null, null, r.Source, r.Confidence, r.Note),
                Problems.Writer(http), ct))
            : NoSuch(candidate);

    private static ProblemHttpResult NoSuch(string candidate) =>
        Problems.From(Refusal.NotFound($"There is no accession of '{candidate}'. Candidates are named by ISO 3166-1 alpha-3 codes, e.g. FIN."));
}
