using Concord.Domain;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Statements;

/// <summary>
/// <c>concord import statements FILE</c>: statements, visits, meetings, communiqués and votes (data/statements/statements.csv,
/// docs/data-formats.md). Columns statement_id, date, date_confidence, actor, actor_role, actor_state, kind, subject, stance,
/// summary, source_ids; optional date_qualifier (on, onOrBefore, month), decisions, accessions, pledges (';'-separated ids)
/// and classification. Several actors share a row as ';'-separated lists of names, roles and codes (one role or code for
/// all, or one each). A date whose confidence is <c>approximate</c> is an upper bound ("on or before"), as the research enters it.
/// Every error of the file is reported with its line and column, and then nothing is stored; a row recorded word for word
/// already adds nothing, and one stating a recorded statement anew is recorded as its latest record.
/// </summary>
public static class ImportStatements
{
    public sealed record Row(
        string? Id, string? Date, string? Confidence, string? Qualifier, string? Actor, string? Role, string? State, string? Kind, string? Subject,
        string? Stance, string? Summary, string? Sources, string? Decisions, string? Accessions, string? Pledges, string? Classification);

    public static readonly CsvFormat<Row> Format = new(
        [
            new("statement_id", Required: true, Field: "id"), new("date", Required: true), new("date_confidence", Field: "confidence"),
            new("date_qualifier", Field: "dateQualifier"), new("actor", Required: true, Field: "actors.name"), new("actor_role", Field: "actors.role"),
            new("actor_state", Required: true, Field: "actors.for"), new("kind", Required: true), new("subject", Required: true), new("stance", Required: true),
            new("summary", Required: true), new("source_ids", Field: "source"), new("decisions"), new("accessions"), new("pledges"), new("classification"),
        ],
        r => new Row(r["statement_id"], r["date"], r["date_confidence"], r["date_qualifier"], r["actor"], r["actor_role"], r["actor_state"], r["kind"],
            r["subject"], r["stance"], r["summary"], r["source_ids"], r["decisions"], r["accessions"], r["pledges"], r["classification"]));

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        var table = CsvFile.Read(file, Format);
        var errors = table.Errors.ToList();
        var statements = new List<(Domain.Statements.StatementRecorded, Classification)>();
        var book = await Sources.SourceBook.For(db, table.Rows.Select(r => r.Value.Sources), ct);
        foreach (var (line, row) in table.Rows)
        {
            var actors = Actors(row, out var actorError);
            if (actorError is { } ae) { errors.Add(table.InFileNames(new ImportError(line, ae.Field, ae.Reason))); continue; }
            var confidence = row.Confidence?.Trim().ToLowerInvariant();
            var qualifier = row.Qualifier ?? (confidence == "approximate" ? "onOrBefore" : null);
            var request = new StatementRequest(row.Id, row.Date, qualifier, row.Confidence, actors, row.Kind, row.Subject, row.Stance, row.Summary,
                row.Sources, List(row.Decisions), List(row.Accessions), List(row.Pledges), row.Classification);
            var built = await RecordStatement.Build(db, clock, request, who.Actor, ct, book);
            if (built.Refusal is { } r) { errors.Add(table.InFileNames(new ImportError(line, r.Field, r.Reason))); continue; }
            if (statements.Any(s => s.Item1.Id == built.Value.Statement.Id))
            { errors.Add(table.InFileNames(new ImportError(line, "id", $"Statement '{built.Value.Statement.Id}' is given twice in the file."))); continue; }
            statements.Add(built.Value);
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, errors);
        var stored = await RecordStatement.Store(db, clock, statements, who, restate: true, ct);
        return stored.Refusal is { } refusal ? ImportReport.Failed(new ImportError(0, null, refusal.Reason)) : new ImportReport(table.Count, stored.Value, []);
    }

    private static IReadOnlyList<string>? List(string? text) =>
        text is null ? null : [.. text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The actors of a row: names and codes pair up one to one; one role is everyone's, or each has its own.</summary>
    private static IReadOnlyList<ActorRequest> Actors(Row row, out Refusal? error)
    {
        error = null;
        var names = List(row.Actor) ?? [];
        var codes = List(row.State) ?? [];
        var roles = List(row.Role) ?? [];
        if (codes.Count != 1 && codes.Count != names.Count)
        {
            error = Refusal.Invalid("actors.for", $"'actor_state' names {codes.Count} states or organisations for {names.Count} actors; give one for all, or one each, separated by ';'.");
            return [];
        }
        if (roles.Count > 1 && roles.Count != names.Count)
        {
            error = Refusal.Invalid("actors.role", $"'actor_role' gives {roles.Count} roles for {names.Count} actors; give one for all, or one each.");
            return [];
        }
        return [.. names.Select((n, i) => new ActorRequest(n, roles.Count == 0 ? null : roles.Count == 1 ? row.Role!.Trim() : roles[i], codes.Count == 1 ? codes[0] : codes[i]))];
    }
}
