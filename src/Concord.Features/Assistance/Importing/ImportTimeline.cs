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
/// vote, source; optional donor (ISO alpha-3, default USA). A row already recorded is skipped; a row that states an event
/// already recorded (its day, donor and text) anew, with another amount, vote or source, is recorded as the event's latest
/// record, which the timeline shows in place of the earlier one.
/// </summary>
public static class ImportTimeline
{
    public static readonly MemberCode DefaultDonor = MemberCode.Parse("USA");

    /// <summary>A row of a timeline file, as text.</summary>
    public sealed record Row(string? Date, string? Event, string? Amount, string? Vote, string? Source, string? Donor);

    public static readonly CsvFormat<Row> Format = new(
        [new("date", Required: true), new("event", Required: true), new("amount_usd_bn"), new("vote"), new("source"), new("donor")],
        r => new Row(r["date"], r["event"], r["amount_usd_bn"], r["vote"], r["source"], r["donor"]));

    /// <param name="asNewerPack">A newer data pack's file: an event whose latest record someone other than the pack made is left as they recorded it.</param>
    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct,
        bool asNewerPack = false)
    {
        if (PledgeWrites.Forbidden(who) is { } forbidden) return forbidden;
        var table = CsvFile.Read(file, Format);
        var book = await Sources.SourceBook.For(db, table.Rows.Select(r => r.Value.Source), ct);
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
            else if (book.Check(source.Value, "source") is { } uncited) { errors.Add(new(line, "source", uncited.Reason)); continue; }
            if (date.Refusal is null && text.Refusal is null && source.Refusal is null)
                parsed.Add(new FundingEventRecorded(date.Value, donor, text.Value!, amount, vote, source.Value));
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, errors);
        var held = (await new EventStore(db).ReadStream(AssistanceStreams.Timeline, ct))
            .Select(r => (Fact: EventStore.Deserialize(r) as FundingEventRecorded, r.RecordedBy)).Where(r => r.Fact is not null).ToList();
        var known = held.Select(r => r.Fact!).ToHashSet();
        var recordedBy = held.GroupBy(r => PledgeStream.EventOf(r.Fact!)).ToDictionary(g => g.Key, g => g.Last().RecordedBy);
        var fresh = parsed.Where(known.Add)
            .Where(f => !asNewerPack || !recordedBy.TryGetValue(PledgeStream.EventOf(f), out var by) || by == who.RecordedBy)
            .Cast<object>().ToList();
        var added = await PledgeWrites.Write(db, clock, [(AssistanceStreams.Timeline, null, fresh)], who, ct);
        return new ImportReport(table.Count, added, []);
    }
}
