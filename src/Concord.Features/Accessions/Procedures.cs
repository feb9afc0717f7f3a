using System.Text.Json;
using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>
/// The Parties' national ratification procedures, configured per Ally (<c>concord import procedures FILE</c>,
/// data/nato/ratification_procedures.csv). Kept in the log like everything else; the latest setting applies.
/// </summary>
public static class Procedures
{
    /// <summary>Each Party's procedure as last configured, from the read model (<see cref="ProcedureProjection"/>).</summary>
    public static async Task<IReadOnlyDictionary<MemberCode, RatificationProcedure>> Load(ConcordDbContext db, CancellationToken ct)
    {
        var rows = await db.Procedures.AsNoTracking().ToListAsync(ct);
        return rows.Select(r => new RatificationProcedure(MemberCode.Parse(r.Party), Stages(r.Stages), r.Note, r.Source)).ToDictionary(p => p.Party);
    }

    /// <summary>The stages as the read model stores them: a JSON array of their names.</summary>
    internal static string StagesText(IReadOnlyList<RatificationStage> stages) => JsonSerializer.Serialize(stages, ConcordJson.Options);

    private static IReadOnlyList<RatificationStage> Stages(string text) =>
        JsonSerializer.Deserialize<List<RatificationStage>>(text, ConcordJson.Options) ?? [];

    /// <summary>A row of a procedures file, as text.</summary>
    public sealed record Row(string? Party, string? Stages, string? Note, string? Source);

    public static readonly CsvFormat<Row> Format = new(
        [new("ally_iso3", Required: true), new("stages", Required: true), new("note"), new("source")],
        r => new Row(r["ally_iso3"], r["stages"], r["note"], r["source"]));

    /// <summary>Columns: ally_iso3, stages (camelCase stage names separated by ';', in order), note, source.</summary>
    public static async Task<ImportReport> Import(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        var table = CsvFile.Read(file, Format);
        var errors = table.Errors.ToList();
        var known = await Load(db, ct);
        var fresh = new List<PendingEvent>();
        var now = clock.GetCurrentInstant();
        var book = await Sources.SourceBook.For(db, table.Rows.Select(r => r.Value.Source), ct);
        foreach (var (line, row) in table.Rows)
        {
            if (book.Check(row.Source) is { } uncited) { errors.Add(new ImportError(line, "source", uncited.Reason)); continue; }
            var party = Input.Member(row.Party, "ally_iso3");
            if (party.Refusal is { } p) { errors.Add(new ImportError(line, "ally_iso3", p.Reason)); continue; }
            var stages = (row.Stages ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => Input.Enum<RatificationStage>(s, "stages")).ToList();
            if (stages.Count == 0 || stages.FirstOrDefault(s => s.Refusal is not null).Refusal is { } bad)
            {
                errors.Add(new ImportError(line, "stages", stages.Count == 0 ? "'stages' is required." : stages.First(s => s.Refusal is not null).Refusal!.Reason));
                continue;
            }
            var set = new RatificationProcedureSet(party.Value, [.. stages.Select(s => s.Value)], row.Note, row.Source);
            if (known.TryGetValue(set.Party, out var current) && current.Stages.SequenceEqual(set.Stages) && current.Note == set.Note && current.Source == set.Source) continue;
            fresh.Add(new PendingEvent(set, now, Classification.Public));
        }
        if (errors.Count > 0 || fresh.Count == 0) return new ImportReport(table.Count, 0, errors);
        // Each setting replaces the Party's last one, whatever came before it: appended after whatever the stream holds.
        await new EventStore(db).Commit([new StreamWrite(StreamIds.Procedures, null, fresh)], new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
        return new ImportReport(table.Count, fresh.Count, []);
    }
}
