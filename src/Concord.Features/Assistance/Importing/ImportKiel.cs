using System.Globalization;
using System.Text;
using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance.Importing;

/// <summary>
/// <c>concord assistance import kiel FILE --release R</c>: the Kiel Ukraine Support Tracker's item-level rows
/// (sheet "Bilateral Assistance, MAIN DATA" saved as CSV), matched by header name, as pledges to Ukraine: each row
/// an <see cref="AnnouncePledgeCommand"/> then an <see cref="AdvancePledgeCommand"/> to Committed (measure Commitment) or
/// Allocated (measure Allocation). A newer release amends what changed; the same release again adds nothing.
/// docs/data-formats.md ("Assistance imports") lists the columns and the category mapping.
/// </summary>
public static class ImportKiel
{
    public const string SourceName = "Kiel Ukraine Support Tracker release";

    /// <summary>The columns of a Kiel item row that Concord reads, as text.</summary>
    public sealed record Row(string? Donor, string? AnnouncementDate, string? General, string? Specific, string? Measure, string? Value,
        string? Currency, string? ValueEur, string? Id, string? Valuation, IReadOnlyList<string> SourcesOfAid);

    /// <summary>The tracker's sheet carries many more columns than these by design: those are ignored, unless close to one of these.</summary>
    public static readonly CsvFormat<Row> Format = new(
        [
            new("donor", Required: true), new("announcement_date", Required: true), new("aid_type_general", Required: true),
            new("aid_type_specific"), new("measure", Required: true), new("tot_activity_value"), new("reporting_currency"),
            new("tot_sub_activity_value_EUR"), new("id"), new("valuation"),
            .. Enumerable.Range(1, 4).Select(i => new CsvColumn($"Source of Aid {i}")),
        ],
        r => new Row(r["donor"], r["announcement_date"], r["aid_type_general"], r["aid_type_specific"], r["measure"], r["tot_activity_value"],
            r["reporting_currency"], r["tot_sub_activity_value_EUR"], r["id"], r["valuation"],
            [.. Enumerable.Range(1, 4).Select(i => r[$"Source of Aid {i}"]).OfType<string>()]),
        UnknownColumns.IgnoredUnlessClose);

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, string release, WriteContext who, CancellationToken ct)
    {
        if (PledgeWrites.Forbidden(who) is { } forbidden) return forbidden;
        if (CheckRelease(release) is { } bad) return ImportReport.Failed(bad);
        var table = CsvFile.Read(file, Format);
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var errors = table.Errors.ToList();
        if (MissingOneOf(table, "tot_activity_value", "tot_sub_activity_value_EUR") is { } missing) errors.Add(missing);
        var source = $"{SourceName} {release.Trim()}";
        var facts = new List<PledgeFacts>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, row) in table.Rows)
        {
            var before = errors.Count;
            void Bad(string column, string message) => errors.Add(new ImportError(line, column, message));
            var donorName = row.Donor;
            var donor = Donors.FromName(donorName);
            if (donor is null) Bad("donor", donorName is null ? "'donor' is required." : $"'{donorName}' is not a recognised donor state (docs/data-formats.md lists the names).");
            var date = Input.PastDate(row.AnnouncementDate, "announcement_date", today);
            if (date.Refusal is { } d) Bad("announcement_date", d.Reason);
            var general = row.General;
            // The specific type becomes the pledge's item name: a name, one line of visible characters.
            var specificName = Input.Name(row.Specific, "aid_type_specific", 200);
            if (specificName.Refusal is { } sp) Bad("aid_type_specific", sp.Reason);
            var specific = specificName.Value;
            var category = Category(general, specific);
            if (category is null) Bad("aid_type_general", $"'aid_type_general' must be Military, Financial or Humanitarian; got '{general}'.");
            var measure = row.Measure;
            PledgeStatus? reached = measure?.ToLowerInvariant() switch { "commitment" => PledgeStatus.Committed, "allocation" => PledgeStatus.Allocated, _ => null };
            if (reached is null) Bad("measure", $"'measure' must be Commitment or Allocation; got '{measure}'.");
            var (basis, method) = Valuation(row.Valuation);
            Money? value = null;
            if (row.Value is { } amountText)
            {
                var currency = row.Currency?.ToUpperInvariant();
                if (Amount(amountText) is not { } amount) Bad("tot_activity_value", $"'{amountText}' is not a positive amount of at most {Quantities.MaxInWords}.");
                else if (!Money.IsCurrency(currency)) Bad("reporting_currency", currency is null ? "'reporting_currency' is required with tot_activity_value." : $"'{currency}' is not a known currency code.");
                else if (date.Refusal is null) value = new Money(amount, currency!, date.Value, method);
            }
            else if (row.ValueEur is { } eurText)
            {
                if (Amount(eurText) is not { } eur) Bad("tot_sub_activity_value_EUR", $"'{eurText}' is not a positive amount of at most {Quantities.MaxInWords}.");
                else if (date.Refusal is null) value = new Money(eur, "EUR", date.Value, method);
            }
            // A row's id becomes part of the pledge's id, its stream and its URL: plain ASCII, never a path.
            string? rowId = null;
            if (row.Id is { } givenId)
            {
                var parsedId = Input.Identifier(givenId, "id", 60);
                if (parsedId.Refusal is { } badId) Bad("id", badId.Reason);
                else rowId = parsedId.Value;
            }
            if (errors.Count > before) continue;
            var label = specific ?? general!;
            var key = rowId is not null ? Slug(rowId) : $"{date.Value:yyyy-MM-dd}-{Slug(label)}";
            var n = seen[key] = seen.GetValueOrDefault(key) + 1;
            var pledgeId = new PledgeId($"{donor!.Value.Value}-kiel-{key}" + (n > 1 ? $"-{n}" : ""));
            var sources = string.Join("; ", row.SourcesOfAid);
            IReadOnlyList<ItemLine> items = value is null ? [new ItemLine(label, 1, "package")] : [new ItemLine(label, value.Amount, value.Currency)];
            var announced = new AnnouncePledgeCommand(pledgeId, donor.Value, Donors.Ukraine, date.Value, category!.Value, items, value, null, source, basis,
                sources.Length == 0 ? null : "Sources of aid: " + sources);
            facts.Add(new PledgeFacts(announced, reached!.Value, date.Value, [], line));
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, errors);
        return await Store(db, clock, table.Count, facts, $"Revised in {source}.", who, ct);
    }

    /// <summary>Writes pledges: only the facts not yet in their streams, all in one transaction.</summary>
    internal static async Task<ImportReport> Store(ConcordDbContext db, IClock clock, int rowCount, IReadOnlyList<PledgeFacts> facts, string note,
        WriteContext who, CancellationToken ct)
    {
        var log = new EventStore(db);
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var batches = new List<(string, int?, IReadOnlyList<object>)>();
        var errors = new List<ImportError>();
        foreach (var f in facts)
        {
            var stream = await log.FetchForWriting(PledgeWrites.Stream(f.Announced.Id), rows => rows.Select(PledgeStream.ToFact).ToList(), ct);
            var history = stream.State;
            var decided = new List<object>();
            // Each command is decided by the ledger's aggregate against the pledge's whole history (in world order),
            // so an import obeys the same rules as a pledge recorded by hand (ladder, dates, nothing above what is outstanding).
            foreach (var command in PledgeWrites.Plan(f, PledgeWrites.SoFar(history), today, note))
            {
                var outcome = Pledge.Decide(history, command);
                if (outcome.Refusal is { } refusal) { errors.Add(new ImportError(f.Line, refusal.Field, refusal.Reason)); break; }
                foreach (var e in outcome.Events)
                {
                    history.Add(new Fact<IPledgeEvent>(e, Pledge.EffectiveOf(e), history.Count == 0 ? 1 : history.Max(h => h.Version) + 1));
                    decided.Add(e);
                }
            }
            batches.Add((stream.StreamId, stream.Version, decided));
        }
        if (errors.Count > 0) return new ImportReport(rowCount, 0, errors);
        var added = await PledgeWrites.Write(db, clock, batches, who, ct);
        return new ImportReport(rowCount, added, []);
    }

    /// <summary>
    /// Category from Kiel's types: Financial and Humanitarian as they are; Military by keywords of aid_type_specific
    /// (air defence, 155 mm, artillery, armour, aircraft), else OtherMilitary. Null when aid_type_general is none of the three.
    /// </summary>
    public static AssistanceCategory? Category(string? general, string? specific)
    {
        switch (general?.Trim().ToLowerInvariant())
        {
            case "financial": return AssistanceCategory.Financial;
            case "humanitarian": return AssistanceCategory.Humanitarian;
            case "military": break;
            default: return null;
        }
        var s = (specific ?? "").ToLowerInvariant();
        bool Has(params string[] words) => words.Any(w => s.Contains(w, StringComparison.Ordinal));
        if (Has("air defen", "air-defen", "patriot", "iris-t", "nasams", "sam ")) return AssistanceCategory.AirDefence;
        if (Has("155")) return AssistanceCategory.Ammunition155mm;
        if (Has("artillery", "howitzer", "mlrs", "rocket launcher", "himars")) return AssistanceCategory.Artillery;
        if (Has("tank", "ifv", "apc", "armoured", "armored", "infantry fighting")) return AssistanceCategory.Armour;
        if (Has("aircraft", "helicopter", "fighter jet", "f-16")) return AssistanceCategory.Aircraft;
        return AssistanceCategory.OtherMilitary;
    }

    /// <summary>Reported and stated, unless the valuation column says the figure is estimated or from a price list.</summary>
    internal static (FigureBasis, ValuationMethod) Valuation(string? text)
    {
        var t = text?.ToLowerInvariant() ?? "";
        if (t.Contains("price", StringComparison.Ordinal)) return (FigureBasis.Estimated, ValuationMethod.PriceList);
        if (t.Contains("estimat", StringComparison.Ordinal)) return (FigureBasis.Estimated, ValuationMethod.Estimated);
        return (FigureBasis.Reported, ValuationMethod.Stated);
    }

    internal static decimal? Amount(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var v) && v > 0 && v <= Quantities.Max ? v : null;

    internal static decimal? Number(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    internal static ImportError? CheckRelease(string? release) =>
        string.IsNullOrWhiteSpace(release)
            ? new ImportError(0, "release", "A Kiel import needs the release it comes from, e.g. --release 2024-02.")
            : release.Trim().Length > 40 || !release.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')
                ? new ImportError(0, "release", $"'{release}' is not a release name: letters, digits, '-', '.' or '_', at most 40.")
                : null;

    /// <summary>An error on the header line when none of <paramref name="columns"/> is there, a file needing one of them.</summary>
    internal static ImportError? MissingOneOf<T>(CsvTable<T> table, params string[] columns) =>
        columns.Any(table.HeaderNames.ContainsKey) ? null
            : new ImportError(1, string.Join(" or ", columns), $"The header lacks {string.Join(" or ", columns.Select(c => $"'{c}'"))}.");

    internal static string Slug(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant())
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        var s = sb.ToString().Trim('-');
        return s.Length > 60 ? s[..60].TrimEnd('-') : s;
    }
}
