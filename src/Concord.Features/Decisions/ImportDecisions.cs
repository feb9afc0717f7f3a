using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// <c>concord import decisions FILE</c>: columns id, subject; optional body (NATO), rule (natoConsensus), summit,
/// opened, silence_deadline, concerned, classification. A decision that already exists is left as it is. Imported
/// decisions are PUBLIC unless the file marks them: the data pack is public reporting with its sources.
/// </summary>
public static class ImportDecisions
{
    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        var rows = Csv.Read(file);
        var errors = new List<ImportError>();
        var added = 0;
        foreach (var row in rows)
        {
            var id = row.Get("id");
            if (id is not null && Domain.Decisions.DecisionId.TryParse(id) is { } existing
                && await CurrentDecisions.Load(db, existing, ct) is not null) continue;
            var request = new OpenDecision.Request(id, row.Get("subject"), row.Get("body"), row.Get("rule"), row.Get("summit"),
                row.Get("silence_deadline"), row.Get("concerned"), row.Get("opened"), row.Get("classification") ?? Domain.Classification.Public.ToString());
            var result = await OpenDecision.Handle(db, clock, request, who, ct);
            if (result.Refusal is { } r) errors.Add(new ImportError(row.Line, r.Field, r.Reason));
            else added++;
        }
        return new ImportReport(rows.Count, added, errors);
    }
}
