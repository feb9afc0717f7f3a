using System.Globalization;
using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance.Importing;

/// <summary>
/// <c>concord assistance import pledge-amendments FILE</c>: later changes to pledges of a pledges file
/// (data/assistance/pledge_amendments.csv), each a <see cref="PledgeAmended"/> dated when the change was made, with its
/// own source: the pledge's quantity raised or lowered, or its promised date or period moved. Import the pledges first.
/// </summary>
public static class ImportPledgeAmendments
{
    public sealed record Row(string? PledgeId, string? Donor, string? Date, string? DateConfidence, string? Quantity, string? Unit, string? PromisedBy,
        string? SourceIds, string? Note);

    public static readonly CsvFormat<Row> Format = new(
        [new("pledge_id", Required: true), new("donor", Required: true), new("date", Required: true), new("date_confidence"), new("quantity"),
         new("unit"), new("promised_by"), new("source_ids", Required: true), new("note")],
        r => new Row(r["pledge_id"], r["donor"], r["date"], r["date_confidence"], r["quantity"], r["unit"], r["promised_by"], r["source_ids"], r["note"]));

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        if (PledgeWrites.Forbidden(who) is { } forbidden) return forbidden;
        var table = CsvFile.Read(file, Format);
        var book = await Sources.SourceBook.For(db, table.Rows.Select(r => r.Value.SourceIds), ct);
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var errors = table.Errors.ToList();
        var streams = new Dictionary<string, (List<Fact<IPledgeEvent>> Facts, int Version, List<object> Fresh)>(StringComparer.Ordinal);
        foreach (var (line, row) in table.Rows)
        {
            void Error(string column, string message) => errors.Add(new(line, column, message));
            var before = errors.Count;
            var code = Input.Member((row.Donor ?? "").Split(';', StringSplitOptions.TrimEntries)[0], "donor");
            if (code.Refusal is { } cr) { Error("donor", cr.Reason); continue; }
            var key = Input.Identifier(row.PledgeId, "pledge_id", 40);
            if (key.Refusal is { } kr) { Error("pledge_id", kr.Reason); continue; }
            var donor = code.Value.Value;
            var id = new PledgeId($"{donor}-{key.Value}");
            if (!streams.TryGetValue(id.Value, out var stream))
            {
                var (facts, version) = await PledgePack.Stream(db, id, ct);
                streams[id.Value] = stream = (facts, version, []);
            }
            if (Pledge.Replay(stream.Facts) is not { } pledge)
            {
                Error("pledge_id", $"There is no pledge {row.PledgeId} of {donor} ({id}); import the pledges file first.");
                continue;
            }
            var (when, confidence) = PledgePack.Date(row.Date, row.DateConfidence, "date", "date_confidence", false, today, line, errors);
            var promised = PledgePack.Promised(row.PromisedBy, "promised_by", today, line, errors);
            IReadOnlyList<ItemLine>? items = null;
            if (row.Quantity is { } q)
            {
                var item = pledge.Lines.Select(l => (l.Item, l.Unit)).Concat((pledge.Undisclosed ?? []).Select(u => (u.Item, u.Unit))).ToList();
                if (!decimal.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || !Quantities.InBounds(n))
                    Error("quantity", $"'{q}' is not a whole number above zero.");
                else if (item.Count != 1) Error("quantity", $"Pledge {id} has {item.Count} items; an amendment of one quantity needs a pledge of one.");
                else items = [new ItemLine(item[0].Item, n, row.Unit ?? item[0].Unit)];
            }
            else if (row.Unit is not null) Error("unit", "A unit is given without a quantity.");
            if (row.Quantity is null && row.PromisedBy is null) Error("quantity", "An amendment changes the quantity or the promised date; neither is given.");
            var sources = Input.Source(row.SourceIds, "source_ids", 2000);
            if (sources.Refusal is { } sr) Error("source_ids", sr.Reason);
            else if (book.Check(sources.Value, "source_ids") is { } uncited) Error("source_ids", uncited.Reason);
            var note = Input.Text(row.Note, "note", 2000);
            if (note.Refusal is { } nr) Error("note", nr.Reason);
            if (errors.Count > before || when is not { } day) continue;
            if (!day.IsExact) { Error("date", "An amendment is dated to its day."); continue; }
            var amended = new PledgeAmended(day.Placed, items, null, promised?.Latest, sources.Value, note.Value,
                promised is { Qualifier: DateQualifier.Between } between ? between : null, confidence);
            stream.Fresh.AddRange(PledgePack.Plan(stream.Facts, [amended], line, "date", errors));
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, [.. errors.Select(table.InFileNames)]);
        var batches = streams.Select(s => (PledgeWrites.Stream(new PledgeId(s.Key)), (int?)s.Value.Version, (IReadOnlyList<object>)s.Value.Fresh)).ToList();
        return new ImportReport(table.Count, await PledgeWrites.Write(db, clock, batches, who, ct), []);
    }
}
