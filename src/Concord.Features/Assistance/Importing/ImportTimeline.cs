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

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        if (PledgeWrites.Forbidden(who) is { } forbidden) return forbidden;
        var rows = Csv.Read(file);
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var errors = new List<ImportError>();
        var parsed = new List<FundingEventRecorded>();
        foreach (var row in rows)
        {
            var date = Input.PastDate(row.Get("date"), "date", today);
            if (date.Refusal is { } d) errors.Add(new(row.Line, "date", d.Reason));
            var text = Input.Text(row.Get("event"), "event", 500, required: true);
            if (text.Refusal is { } t) errors.Add(new(row.Line, "event", t.Reason));
            decimal? amount = null;
            if (row.Get("amount_usd_bn") is { } a)
            {
                if (decimal.TryParse(a, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && Quantities.InBounds(v)) amount = v;
                else errors.Add(new(row.Line, "amount_usd_bn", $"'{a}' is not a non-negative number of USD bn."));
            }
            var vote = row.Get("vote");
            if (vote is not null && !System.Text.RegularExpressions.Regex.IsMatch(vote, @"^\d+-\d+$"))
                errors.Add(new(row.Line, "vote", $"'{vote}' is not a tally such as 70-29."));
            var donor = DefaultDonor;
            if (row.Get("donor") is { } dn)
            {
                if (Donors.FromName(dn) is { } c) donor = c;
                else errors.Add(new(row.Line, "donor", $"'{dn}' is not a recognised donor state."));
            }
            // The source is shown, and linked when it is a link, like every other source.
            var source = Input.Source(row.Get("source"), "source", 2000);
            if (source.Refusal is { } so) errors.Add(new(row.Line, "source", so.Reason));
            if (date.Refusal is null && text.Refusal is null && source.Refusal is null)
                parsed.Add(new FundingEventRecorded(date.Value, donor, text.Value!, amount, vote, source.Value));
        }
        if (errors.Count > 0) return new ImportReport(rows.Count, 0, errors);
        var known = (await new EventStore(db).ReadStream(AssistanceStreams.Timeline, ct)).Select(EventStore.Deserialize)
            .OfType<FundingEventRecorded>().ToHashSet();
        var fresh = parsed.Where(known.Add).Cast<object>().ToList();
        var added = await PledgeWrites.Write(db, clock, [(AssistanceStreams.Timeline, null, fresh)], who, ct);
        return new ImportReport(rows.Count, added, []);
    }
}
