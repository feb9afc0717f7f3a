using Concord.Domain;
using System.Globalization;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance.Importing;

/// <summary>
/// <c>concord assistance import kiel-monthly FILE --release R</c>: Kiel's aggregated monthly data_explorer layout
/// (country, iso, year, month, total, financial, humanitarian, military, commitments, to_be_allocated, gdp, pct_gdp;
/// EUR bn), matched by header name, as one <see cref="KielMonthlyFigureRecorded"/> per donor and month in the stream
/// "assistance-kiel-monthly". A newer release that changes a month's figures records a
/// <see cref="KielMonthlyFigureRevised"/>; the same release again adds nothing.
/// </summary>
public static class ImportKielMonthly
{
    /// <summary>A row of the data explorer, as text.</summary>
    public sealed record Row(string? Country, string? Iso, string? Year, string? Month, IReadOnlyDictionary<string, string?> Figures);

    private static readonly string[] FigureColumns = ["total", "financial", "humanitarian", "military", "commitments", "to_be_allocated", "gdp", "pct_gdp"];

    /// <summary>The tracker's file may carry more columns than these: those are ignored, unless close to one of these.</summary>
    public static readonly CsvFormat<Row> Format = new(
        [
            new("country"), new("iso"), new("year", Required: true), new("month", Required: true),
            .. FigureColumns.Select((c, i) => new CsvColumn(c, Required: i < 4)),
        ],
        r => new Row(r["country"], r["iso"], r["year"], r["month"], FigureColumns.ToDictionary(c => c, c => r[c])),
        UnknownColumns.IgnoredUnlessClose);

    /// <summary>The latest figures per donor and month, and the release they come from.</summary>
    public static async Task<IReadOnlyDictionary<(MemberCode Donor, int Year, int Month), (string Release, KielMonthlyFigures Figures)>> Load(
        ConcordDbContext db, CancellationToken ct)
    {
        var result = new Dictionary<(MemberCode, int, int), (string, KielMonthlyFigures)>();
        foreach (var e in (await new EventStore(db).ReadStream(AssistanceStreams.KielMonthly, ct)).Select(EventStore.Deserialize))
            switch (e)
            {
                case KielMonthlyFigureRecorded r: result[(r.Donor, r.Year, r.Month)] = (r.Release, r.Figures); break;
                case KielMonthlyFigureRevised r: result[(r.Donor, r.Year, r.Month)] = (r.Release, r.Figures); break;
            }
        return result;
    }

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, string release, WriteContext who, CancellationToken ct)
    {
        if (PledgeWrites.Forbidden(who) is { } forbidden) return forbidden;
        if (ImportKiel.CheckRelease(release) is { } bad) return ImportReport.Failed(bad);
        release = release.Trim();
        var table = CsvFile.Read(file, Format);
        var errors = table.Errors.ToList();
        if (ImportKiel.MissingOneOf(table, "iso", "country") is { } missing) return new ImportReport(table.Count, 0, [.. errors, missing]);
        var source = $"{ImportKiel.SourceName} {release}";
        var known = await Load(db, ct);
        var fresh = new List<object>();
        var inFile = new Dictionary<(MemberCode, int, int), int>();
        foreach (var (line, row) in table.Rows)
        {
            var before = errors.Count;
            void Bad(string column, string message) => errors.Add(new ImportError(line, column, message));
            var donor = Donors.FromName(row.Iso) ?? Donors.FromName(row.Country);
            if (donor is null) Bad(row.Iso is null ? "country" : "iso", $"'{row.Iso ?? row.Country}' is not a recognised donor state.");
            var yearText = row.Year;
            var year = yearText is not null && int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100 ? y : 0;
            if (year == 0) Bad("year", $"'{yearText}' is not a year.");
            var month = Month(row.Month);
            if (month == 0) Bad("month", $"'{row.Month}' is not a month (1-12 or its English name).");
            decimal Need(string column)
            {
                var text = row.Figures[column];
                if (text is not null && ImportKiel.Number(text) is { } v && Quantities.InBounds(v)) return v;
                Bad(column, text is null ? $"'{column}' is required." : $"'{text}' is not a non-negative amount in EUR bn of at most {Quantities.MaxInWords}.");
                return 0;
            }
            decimal? Optional(string column)
            {
                var text = row.Figures[column];
                if (text is null) return null;
                if (ImportKiel.Number(text) is { } v && Math.Abs(v) <= Quantities.Max) return v;
                Bad(column, $"'{text}' is not a number of at most {Quantities.MaxInWords} either way.");
                return null;
            }
            var figures = new KielMonthlyFigures(Need("total"), Need("financial"), Need("humanitarian"), Need("military"),
                Optional("commitments"), Optional("to_be_allocated"), Optional("gdp"), Optional("pct_gdp"));
            if (errors.Count > before) continue;
            var key = (donor!.Value, year, month);
            if (inFile.TryGetValue(key, out var first)) { Bad("month", $"{donor.Value} {year}-{month:00} is already on line {first}."); continue; }
            inFile[key] = line;
            if (!known.TryGetValue(key, out var current))
                fresh.Add(new KielMonthlyFigureRecorded(donor.Value, year, month, release, figures, source));
            else if (current.Figures == figures) continue;
            else if (string.CompareOrdinal(release, current.Release) > 0)
                fresh.Add(new KielMonthlyFigureRevised(donor.Value, year, month, release, current.Release, figures, source));
            else
                Bad("release", release == current.Release
                    ? $"Release {release} already recorded other figures for {donor.Value} {year}-{month:00}; a correction needs a newer release name."
                    : $"Release {release} is older than release {current.Release}, already recorded for {donor.Value} {year}-{month:00}.");
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, errors);
        var added = await PledgeWrites.Write(db, clock, [(AssistanceStreams.KielMonthly, null, fresh)], who, ct);
        return new ImportReport(table.Count, added, []);
    }

    private static int Month(string? text)
    {
        if (text is null) return 0;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return m is >= 1 and <= 12 ? m : 0;
        var names = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
        var abbreviations = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames;
        for (var i = 0; i < 12; i++)
            if (text.Equals(names[i], StringComparison.OrdinalIgnoreCase) || text.Equals(abbreviations[i], StringComparison.OrdinalIgnoreCase)) return i + 1;
        return 0;
    }
}
