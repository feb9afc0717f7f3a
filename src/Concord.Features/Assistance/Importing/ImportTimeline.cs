using Concord.Domain;
using System.Globalization;
using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance.Importing;

/// <summary>
/// <c>concord assistance import timeline FILE</c>: dated funding events (data/assistance/us_supplemental_2024.csv)
/// as <see cref="FundingEventRecorded"/> in the stream "assistance-timeline". Columns: date, event, amount_usd_bn,
/// vote, source; optional donor (ISO alpha-3, default USA). A row already recorded is skipped.
/// </summary>
public static class ImportTimeline
{
    public static readonly MemberCode DefaultDonor = MemberCode.Parse("USA");

    /// <summary>A row of a timeline file, as text.</summary>
    public sealed record Row(string? Date, string? Event, string? Amount, string? Vote, string? Source, string? Donor);

    public static readonly CsvFormat<Row> Format = new(
        [new("date", Required: true), new("event", Required: true), new("amount_usd_bn"), new("vote"), new("source"), new("donor")],
        r => new Row(r["date"], r["event"], r["amount_usd_bn"], r["vote"], r["source"], r["donor"]));

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        if (PledgeWrites.Forbidden(who) is { } forbidden) return forbidden;
        var table = CsvFile.Read(file, Format);
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var errors = table.Errors.ToList();
        var parsed = new List<FundingEventRecorded>();
        foreach (var (line, row) in table.Rows)
        {
            var date = Input.PastDate(row.Date, "date", today);
            if (date.Refusal is { } d) errors.Add(new(line, "date", d.Reason));
            var text = Input.Text(row.Event, "event", 500, required: true);
            if (text.Refusal is { } t) errors.Add(new(line, "event", t.Reason));
            decimal? amount = null;
            if (row.Amount is { } a)
            {
                if (decimal.TryParse(a, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && Quantities.InBounds(v)) amount = v;
                else errors.Add(new(line, "amount_usd_bn", $"'{a}' is not a non-negative number of USD bn."));
            }
            var vote = row.Vote;
            if (vote is not null && !System.Text.RegularExpressions.Regex.IsMatch(vote, @"^\d+-\d+$"))
                errors.Add(new(line, "vote", $"'{vote}' is not a tally such as 70-29."));
            var donor = DefaultDonor;
            if (row.Donor is { } dn)
            {
                if (Donors.FromName(dn) is { } c) donor = c;
                else errors.Add(new(line, "donor", $"'{dn}' is not a recognised donor state."));
            }
            // The source is shown, and linked when it is a link, like every other source.
            var source = Input.Source(row.Source, "source", 2000);
            if (source.Refusal is { } so) errors.Add(new(line, "source", so.Reason));
            if (date.Refusal is null && text.Refusal is null && source.Refusal is null)
                parsed.Add(new FundingEventRecorded(date.Value, donor, text.Value!, amount, vote, source.Value));
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, errors);
        var known = (await new EventStore(db).ReadStream(AssistanceStreams.Timeline, ct)).Select(EventStore.Deserialize)
            .OfType<FundingEventRecorded>().ToHashSet();
        var fresh = parsed.Where(known.Add).Cast<object>().ToList();
        var added = await PledgeWrites.Write(db, clock, [(AssistanceStreams.Timeline, null, fresh)], who, ct);
        return new ImportReport(table.Count, added, []);
    }
}
