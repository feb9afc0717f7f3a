using System.Text.RegularExpressions;
using Concord.Features.Accessions;
using Concord.Features.EventLog;
using Concord.Features.Tests.EventLog;
using Microsoft.EntityFrameworkCore;
using static Concord.Features.Tests.Accessions.Candidates;

namespace Concord.Features.Tests.Accessions;

/// <summary>
/// Accessions stored before date windows existed keep reading: a date was then written {"latest", "qualifier", "isExact"}
/// (an exact day without its earliest), and those payloads and read models read back as the same windows.
/// </summary>
public sealed partial class StoredDateShapeTests
{
    private static readonly StepRequest[] Serbia =
    [
        Step("application", "2023-03-01"), Step("invitation", "2023-05-01", summit: "vilnius-2023"), Step("protocolSigned", "2023-06-01"),
        Approval("DEU", "2023-09-01"), Deposit("DEU", "2023-09-20"), Deposit("CAN", "2023-12-31", qualifier: "onOrBefore"),
    ];

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_accession_whose_events_and_read_model_hold_dates_in_the_shape_before_windows_reads_back_the_same(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await WithAllies(kind);
        await Follow(store, "SRB", "Serbia", Serbia);
        var (now, past) = (Describe(await Get(store, "SRB")), Describe(await Get(store, "SRB", "2023-10-01")));

        var first = await StoreOldShapes(store);
        await Tamper.Rechain(store, first);

        // The read model as an older version left it: read without replaying the stream.
        Assert.Equal(now, Describe(await Get(store, "SRB")));
        // The events as an older version stored them: folded for a past date, and again when the read models are rebuilt.
        Assert.Equal(past, Describe(await Get(store, "SRB", "2023-10-01")));
        await using (var db = store.NewContext())
        {
            await LogOperations.Rebuild(db, store.Clock, ct);
            Assert.True((await ChainVerifier.Verify(db, ct)).Intact);
        }
        Assert.Equal(now, Describe(await Get(store, "SRB")));
    }

    /// <summary>Writes every date of Serbia's events and read model back in the old shape; returns the first event changed.</summary>
    private static async Task<long> StoreOldShapes(TestStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = store.NewContext();
        var events = await db.Events.AsNoTracking().Where(e => e.StreamId == "accession-SRB").OrderBy(e => e.Position).ToListAsync(ct);
        long first = 0;
        foreach (var e in events)
        {
            var old = OldShape(e.Payload);
            if (old == e.Payload) continue;
            first = first == 0 ? e.Position : first;
            await Tamper.Sql(store, """UPDATE events SET "Payload" = {0} WHERE "Position" = {1}""", old, e.Position);
        }
        Assert.NotEqual(0, first);
        var row = await db.Accessions.SingleAsync(a => a.Candidate == "SRB", ct);
        (row.State, row.Steps) = (OldShape(row.State), OldShape(row.Steps));
        // Both kinds of date then stored: the exact day without its earliest, and the bound.
        Assert.Contains("""{"latest":"2023-09-20","qualifier":"on","isExact":true}""", row.State, StringComparison.Ordinal);
        Assert.Contains("""{"latest":"2023-12-31","qualifier":"onOrBefore","isExact":false}""", row.State, StringComparison.Ordinal);
        await db.SaveChangesAsync(ct);
        return first;
    }

    /// <summary>A date written as a window, rewritten as DateBound wrote it.</summary>
    private static string OldShape(string json) => Window().Replace(json, m =>
        $$"""{"latest":"{{m.Groups["latest"].Value}}","qualifier":"{{m.Groups["qualifier"].Value}}","isExact":{{(m.Groups["qualifier"].Value == "on" ? "true" : "false")}}}""");

    [GeneratedRegex("""\{"earliest":(?:"[0-9-]+"|null),"latest":"(?<latest>[0-9-]+)","qualifier":"(?<qualifier>on|onOrBefore)"\}""")]
    private static partial Regex Window();

    private static string Describe(AccessionView view) =>
        $"{view.Status.Summary} | {view.Status.EnteredIntoForce} | "
        + string.Join("; ", view.Status.Parties.Select(p => $"{p.Party} {p.State} {p.Ratified} {p.Deposited} {p.DaysToRatify}"))
        + " | " + string.Join("; ", view.Steps.Select(s => $"{s.Step} {s.Party} {s.Stage} {s.Date}"));
}
