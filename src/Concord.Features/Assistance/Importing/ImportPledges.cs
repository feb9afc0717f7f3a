using System.Globalization;
using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance.Importing;

/// <summary>
/// <c>concord assistance import pledges FILE</c>: pledges of specific systems and ammunition, one row per pledge, in the
/// research pack's columns (data/assistance/pledges.csv; docs/data-formats.md, "Pledges"). Each row is a pledge
/// "{donor}-{pledge_id}" (the first donor of a joint row): its announcement, and its first and full delivery dated as
/// their first public confirmation (on or before that day; a month when approximate). The whole file is checked first and
/// every fault reported with its line; a file with any loads nothing; the same file again adds nothing.
/// </summary>
public static class ImportPledges
{
    /// <summary>A row of a pledges file, as text.</summary>
    public sealed record Row(string? PledgeId, string? Donor, string? Recipient, string? Item, string? Category, string? Quantity, string? Unit,
        string? Announced, string? AnnouncedConfidence, string? PromisedBy, string? FirstDelivery, string? FirstDeliveryConfidence,
        string? FullDelivery, string? FullDeliveryConfidence, string? Status, string? SourceIds, string? Notes);

    public static readonly CsvFormat<Row> Format = new(
        [new("pledge_id", Required: true), new("donor", Required: true), new("recipient", Required: true), new("item", Required: true),
         new("category", Required: true), new("quantity"), new("unit", Required: true), new("announced"), new("announced_confidence"),
         new("promised_by"), new("first_delivery"), new("first_delivery_confidence"), new("full_delivery"), new("full_delivery_confidence"),
         new("status"), new("source_ids", Required: true), new("notes")],
        r => new Row(r["pledge_id"], r["donor"], r["recipient"], r["item"], r["category"], r["quantity"], r["unit"], r["announced"],
            r["announced_confidence"], r["promised_by"], r["first_delivery"], r["first_delivery_confidence"], r["full_delivery"],
            r["full_delivery_confidence"], r["status"], r["source_ids"], r["notes"]));

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        if (PledgeWrites.Forbidden(who) is { } forbidden) return forbidden;
        var table = CsvFile.Read(file, Format);
        var book = await Sources.SourceBook.For(db, table.Rows.Select(r => r.Value.SourceIds), ct);
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var errors = table.Errors.ToList();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var batches = new List<(string Stream, int? Expected, IReadOnlyList<object> Events)>();
        foreach (var (line, row) in table.Rows)
        {
            var before = errors.Count;
            var events = Read(line, row, today, book, errors);
            if (events is null || errors.Count > before) continue;
            var id = ((PledgeAnnounced)events[0]).Id;
            if (seen.TryGetValue(id.Value, out var first)) { errors.Add(new(line, "pledge_id", $"Pledge {id} is also on line {first}; give each pledge one row.")); continue; }
            seen[id.Value] = line;
            var (history, version) = await PledgePack.Stream(db, id, ct);
            var fresh = PledgePack.Plan(history, events, line, "pledge_id", errors);
            batches.Add((PledgeWrites.Stream(id), version, [.. fresh]));
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, [.. errors.Select(table.InFileNames)]);
        return new ImportReport(table.Count, await PledgeWrites.Write(db, clock, batches, who, ct), []);
    }

    /// <summary>The row's events (announcement first, then deliveries), or null with its faults added to <paramref name="errors"/>.</summary>
    private static List<IPledgeEvent>? Read(int line, Row row, LocalDate today, Sources.SourceBook book, List<ImportError> errors)
    {
        void Error(string column, string message) => errors.Add(new(line, column, message));
        var key = row.PledgeId ?? "";
        if (key.Length is 0 or > 40 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            Error("pledge_id", $"'{Clip(key)}' is not a pledge id: letters, digits and dashes, at most 40 (e.g. P001).");
        var donors = new List<MemberCode>();
        foreach (var part in (row.Donor ?? "").Split(';', StringSplitOptions.TrimEntries))
        {
            var d = Input.Member(part, "donor");
            if (d.Refusal is { } dr) Error("donor", dr.Reason);
            else if (!Donors.IsRecognised(d.Value)) Error("donor", $"'{d.Value}' is not a recognised state (ISO 3166-1 alpha-3), nor EUU for the EU institutions.");
            else if (donors.Contains(d.Value)) Error("donor", $"{d.Value} is named twice among the donors.");
            else donors.Add(d.Value);
        }
        var recipient = Input.Member(row.Recipient, "recipient");
        if (recipient.Refusal is { } rr) Error("recipient", rr.Reason);
        else if (!Accounts.Nationalities.IsKnown(recipient.Value)) Error("recipient", $"'{recipient.Value}' is not a recognised state (ISO 3166-1 alpha-3).");
        var category = Category(row.Category);
        if (category.Refusal is { } cr) Error("category", cr.Reason);
        var item = Input.Name(row.Item, "item", 200, required: true);
        if (item.Refusal is { } ir) Error("item", ir.Reason);
        var unit = Input.Name(row.Unit, "unit", 120, required: true);
        if (unit.Refusal is { } ur) Error("unit", ur.Reason);
        decimal? quantity = null;
        if (row.Quantity is { } q)
        {
            if (decimal.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && Quantities.InBounds(n)) quantity = n;
            else Error("quantity", $"'{Clip(q)}' is not a whole number above zero; leave it blank when no source disclosed it.");
        }
        var (announced, announcedConfidence) = PledgePack.Date(row.Announced, row.AnnouncedConfidence, "announced", "announced_confidence", false, today, line, errors);
        var promised = PledgePack.Promised(row.PromisedBy, "promised_by", today, line, errors);
        var (first, firstConfidence) = PledgePack.Date(row.FirstDelivery, row.FirstDeliveryConfidence, "first_delivery", "first_delivery_confidence", true, today, line, errors);
        var (full, fullConfidence) = PledgePack.Date(row.FullDelivery, row.FullDeliveryConfidence, "full_delivery", "full_delivery_confidence", true, today, line, errors);
        if (first is { } f && full is { } u && u.Placed < f.Placed)
            Error("full_delivery", $"The full delivery ({u}) is dated before the first ({f}).");
        var sources = Input.Source(row.SourceIds, "source_ids", 2000);
        if (sources.Refusal is { } sr) Error("source_ids", sr.Reason);
        else if (book.Check(sources.Value, "source_ids") is { } uncited) Error("source_ids", uncited.Reason);
        var notes = Input.Text(row.Notes, "notes", 4000);
        if (notes.Refusal is { } nr) Error("notes", nr.Reason);
        var status = Input.Text(row.Status, "status", 1000);
        if (status.Refusal is { } str) Error("status", str.Reason);
        var map = PledgePack.SourceMap(row.Notes);
        foreach (var id in map.Values.SelectMany(v => v).Distinct())
            if (book.Check(id, "notes") is { } unknown) Error("notes", unknown.Reason);
        if (announced is null && first is null && full is null)
            Error("announced", "Neither the announcement nor a delivery is dated: the pledge cannot be placed in time.");
        if (errors.Count > 0 && errors[^1].Line == line) return null;

        // An undated announcement is placed on the first day a source attests the pledge; the view says it is undated.
        var placed = announced?.Earliest ?? new[] { first, full }.OfType<DateWindow>().Min(w => w.Placed);
        var note = status.Value is { } s ? $"{notes.Value} Status (as researched): {s}".Trim() : notes.Value;
        var all = sources.Value;
        var announcement = new PledgeAnnounced(new PledgeId($"{donors[0]}-{key}"), donors[0], recipient.Value, placed, category.Value,
            quantity is { } qty ? [new ItemLine(item.Value!, qty, unit.Value!)] : [], null, promised?.Latest, PledgePack.Cited(map, all, "ann", "prom"),
            FigureBasis.Reported, note, donors.Count > 1 ? donors.Skip(1).ToList() : null,
            quantity is null ? [new UndisclosedItem(item.Value!, unit.Value!)] : null,
            announced is { IsExact: false } w ? w : null, announced is null, promised is { Qualifier: DateQualifier.Between } between ? between : null,
            announcedConfidence);
        var events = new List<IPledgeEvent> { announcement };
        if (first is { } one && full is { } rest && one == rest)
            events.Add(Delivery(one, DeliveryExtent.Rest, PledgePack.Cited(map, all, "first", "full"), firstConfidence ?? fullConfidence));
        else
        {
            if (first is { } some) events.Add(Delivery(some, DeliveryExtent.Some, PledgePack.Cited(map, all, "first"), firstConfidence));
            if (full is { } last) events.Add(Delivery(last, DeliveryExtent.Rest, PledgePack.Cited(map, all, "full"), fullConfidence));
        }
        return events;
    }

    private static DeliveryRecorded Delivery(DateWindow when, DeliveryExtent extent, string? source, Confidence? confidence) =>
        new(when.Placed, [], null, source, FigureBasis.Reported, null, when, extent, confidence);

    /// <summary>The pack's category words: air-defence, ammunition-155mm, armour, artillery, aircraft, missiles-long-range, other.</summary>
    public static Result<AssistanceCategory> Category(string? text) =>
        string.Equals(text?.Trim(), "other", StringComparison.OrdinalIgnoreCase) ? AssistanceCategory.OtherMilitary : PledgeInput.Category(text);

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
