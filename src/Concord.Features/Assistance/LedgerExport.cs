using System.Globalization;
using System.Text;
using System.Text.Json;
using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>The formats the ledger is exported in.</summary>
public enum LedgerFormat { Csv, Json }

/// <summary>
/// The ledger as of a date, one row per pledge: status, items, delivered, outstanding, value, source and basis.
/// The CSV columns are stable (docs/data-formats.md, "Assistance ledger"); new columns are only ever appended.
/// </summary>
public static class LedgerExport
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "donor", "recipient", "category", "announced", "status", "status_on", "items", "delivered", "outstanding",
        "value_amount", "value_currency", "valued_on", "valuation", "outstanding_value", "promised_by", "first_delivery",
        "days_to_first_delivery", "full_delivery", "days_to_full_delivery", "cancelled_on", "source", "basis",
        // Appended when the ledger learnt joint pledges, undisclosed quantities and dates known only by a bound or a period:
        // each day above is then the window's last day, and these say what the sources give.
        "donors", "undisclosed", "announced_as", "status_as", "promised_as", "first_delivery_as", "days_to_first_delivery_as",
        "full_delivery_as", "days_to_full_delivery_as", "delivered_before_announcement",
    ];

    /// <param name="knownOn">Read the ledger as known on that day (<see cref="PledgeKnowledge"/>); null reads everything recorded.</param>
    public static async Task<Result<string>> Handle(ConcordDbContext db, IClock clock, string? format, LocalDate? asOf, CancellationToken ct,
        LocalDate? knownOn = null)
    {
        var kind = LedgerFormat.Csv;
        if (format is not null)
        {
            var f = Input.Enum<LedgerFormat>(format, "format");
            if (f.Refusal is { } r) return r;
            kind = f.Value;
        }
        var lens = await PledgeKnowledge.Lens(db, clock, knownOn, ct);
        var date = PledgeKnowledge.Day(clock, asOf, lens);
        var pledges = await PledgeStream.AllAsOf(db, date, ct, lens);
        return kind == LedgerFormat.Csv ? Csv(pledges) : Json(pledges, date);
    }

    /// <summary>
    /// RFC 4180 CSV with a header row; lines are "item=quantity unit" joined by "; ". A cell a spreadsheet would read as a
    /// formula (starting with =, +, -, @, a tab or a carriage return) is written with a leading apostrophe, which
    /// spreadsheets show as text: a donor's item named "=HYPERLINK(...)" must not run in an analyst's spreadsheet.
    /// </summary>
    public static string Csv(IEnumerable<Pledge> pledges)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns)).Append("\r\n");
        foreach (var p in pledges)
        {
            string?[] cells =
            [
                p.Id.Value, p.Donor.Value, p.Recipient.Value, Words.Of(p.Category), Date(p.Announced), Words.Of(p.Status), Date(p.StatusOn),
                Lines(p.Lines, l => l.Pledged), Lines(p.Lines, l => l.Delivered), Lines(p.Lines, l => l.Outstanding),
                Number(p.Value?.Amount), p.Value?.Currency, Date(p.Value?.ValuedOn), p.Value is null ? null : Words.Of(p.Value.Method),
                Number(p.OutstandingValue?.Amount), Date(p.PromisedBy), Date(p.FirstDelivery), p.DaysToFirstDelivery?.ToString(CultureInfo.InvariantCulture),
                Date(p.FullDelivery), p.DaysToFullDelivery?.ToString(CultureInfo.InvariantCulture), Date(p.CancelledOn), p.Source, Words.Of(p.Basis),
                string.Join(";", p.Donors.Select(d => d.Value)), string.Join("; ", (p.Undisclosed ?? []).Select(u => $"{u.Item} ({u.Unit})")),
                p.AnnouncedAs?.ToString() ?? "not dated", p.StatusAs.ToString(), p.PromisedAs?.ToString(), p.FirstDeliveryWindow?.ToString(),
                p.FirstDeliveryDays?.ToString(), p.FullDeliveryWindow?.ToString(), p.FullDeliveryDays?.ToString(),
                p.DeliveredBeforeAnnouncement ? "true" : "false",
            ];
            text.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");
        }
        return text.ToString();
    }

    /// <summary>A JSON document: the as-of date, the columns' meaning by name, and one object per pledge.</summary>
    public static string Json(IEnumerable<Pledge> pledges, LocalDate asOf) =>
        JsonSerializer.Serialize(new { asOf, pledges = pledges.Select(p => PledgeView.Of(p, asOf)) },
            new JsonSerializerOptions(ConcordJson.Options) { WriteIndented = true });

    private static string Lines(IEnumerable<PledgeLine> lines, Func<PledgeLine, decimal> quantity) =>
        string.Join("; ", lines.Select(l => $"{l.Item}={Number(quantity(l))} {l.Unit}"));

    private static string? Number(decimal? value) => value?.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>The cell with a leading apostrophe when a spreadsheet would take it for a formula (numbers are left as they are).</summary>
    public static string Neutralised(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            ? "'" + cell : cell;

    private static string? Date(LocalDate? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Quote(string? cell)
    {
        if (cell is null) return "";
        cell = Neutralised(cell);
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
