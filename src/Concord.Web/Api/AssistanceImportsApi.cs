using System.Text;
using Concord.Features;
using Concord.Features.Access;
using Concord.Features.Assistance.Importing;
using Concord.Features.Importing;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Concord.Web.Api;

/// <summary>
/// POST /api/v1/assistance/imports/{timeline|pledges|pledge-amendments|delays|kiel|kiel-monthly|iati}: the file is the request body (text/csv or
/// application/xml), Kiel files name their release (?release=2024-02). Secretariat only. A file with any bad row loads
/// nothing: 400 with every bad line in <c>errors</c> ({line, column, message}).
/// </summary>
public static class AssistanceImportsApi
{
    /// <summary>What an import did: rows (or IATI transactions) read and events added (0 when all were already stored).</summary>
    public sealed record ImportView(int Rows, int Added);

    private delegate Task<ImportReport> Importer(ConcordDbContext db, IClock clock, TextReader file, string? release, WriteContext who, CancellationToken ct);

    public static RouteGroupBuilder MapAssistanceImportsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/assistance/imports").WithTags("Assistance imports");
        Map(group, "timeline", "text/csv", "Record the dated funding events of a CSV body (date, event, amount_usd_bn, vote, source).",
            (db, clock, file, _, who, ct) => ImportTimeline.Handle(db, clock, file, who, ct));
        Map(group, "pledges", "text/csv", "Record pledges of specific systems, one CSV row per pledge (pledge_id, donor, item, category, quantity, unit, announced, promised_by, first_delivery, full_delivery, source_ids…).",
            (db, clock, file, _, who, ct) => ImportPledges.Handle(db, clock, file, who, ct));
        Map(group, "pledge-amendments", "text/csv", "Record later changes to imported pledges (pledge_id, donor, date, quantity, unit, promised_by, source_ids, note).",
            (db, clock, file, _, who, ct) => ImportPledgeAmendments.Handle(db, clock, file, who, ct));
        Map(group, "delays", "text/csv", "Record dated events that caused, revealed or ended delays (event_id, date, date_confidence, actor, kind, summary, source_ids).",
            (db, clock, file, _, who, ct) => ImportDelayEvents.Handle(db, clock, file, who, ct));
        Map(group, "kiel", "text/csv", "Record a Kiel Ukraine Support Tracker release's item-level rows (CSV body, ?release=R) as pledges.",
            (db, clock, file, release, who, ct) => ImportKiel.Handle(db, clock, file, release ?? "", who, ct));
        Map(group, "kiel-monthly", "text/csv", "Record a Kiel release's monthly aggregates (data_explorer CSV body, ?release=R).",
            (db, clock, file, release, who, ct) => ImportKielMonthly.Handle(db, clock, file, release ?? "", who, ct));
        Map(group, "iati", "application/xml", "Record the pledges, commitments and disbursements of an IATI activity file (XML v2.03 body).",
            (db, clock, file, _, who, ct) => ImportIati.Handle(db, clock, file, who, ct));
        return api;
    }

    private static void Map(RouteGroupBuilder group, string kind, string contentType, string summary, Importer import) =>
        group.MapPost("/" + kind, async Task<Results<Ok<ImportView>, ProblemHttpResult>> (ConcordDbContext db, IClock clock, HttpContext http, string? release, CancellationToken ct) =>
            {
                // Read whole (the body limit bounds it) because the importers read synchronously.
                using var body = new StreamReader(http.Request.Body, Encoding.UTF8);
                using var reader = new StringReader(await body.ReadToEndAsync(ct));
                var report = await import(db, clock, reader, release, Problems.Writer(http), ct);
                return report.Succeeded ? TypedResults.Ok(new ImportView(report.Rows, report.Added)) : Problem(report);
            })
            .WithSummary(summary + $" Body: {contentType}. Nothing is loaded from a file with any bad row: 400 lists them.")
            .AcceptsFile(contentType)
            .RequirePermission(Permission.ImportAssistance);

    private static ProblemHttpResult Problem(ImportReport report)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The file was not loaded.",
            Detail = string.Join("; ", report.Errors.Select(e => e.Line > 0 ? e.ToString() : e.Message)),
        };
        problem.Extensions["errors"] = report.Errors.Select(e => new { line = e.Line, column = e.Column, message = e.Message }).ToList();
        return TypedResults.Problem(problem);
    }
}
