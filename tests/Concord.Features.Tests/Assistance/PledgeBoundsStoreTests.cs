using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Features.Assistance;
using Concord.Features.EventLog;
using static Concord.Features.Tests.Assistance.PledgeLedger;

namespace Concord.Features.Tests.Assistance;

/// <summary>
/// The input policy on pledges through the store (both providers): figures beyond 10^12 are refused and store nothing;
/// figures stored by older code beyond the bound leave every read answering; the CSV export cannot carry a formula.
/// </summary>
public sealed class PledgeBoundsStoreTests
{
    private const decimal DecimalMax = 79228162514264337593543950335m;

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_pledge_value_at_decimal_s_largest_value_is_refused_naming_value_amount_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();

        var refused = await AnnouncePledge.Handle(db, store.Clock,
            new("DEU-huge", "DEU", "UKR", "2023-01-10", "airDefence", [Item("IRIS-T SLM", 1, "systems")], Money(DecimalMax, "EUR")), Secretariat, Ct);

        Assert.Equal("value.amount", refused.Refusal?.Field);
        Assert.Empty(await new EventStore(db).ReadStream("pledge-DEU-huge", Ct));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task pledges_stored_beyond_the_bound_by_older_code_leave_the_backlog_delays_list_and_export_readable_and_can_be_cancelled(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await Build(store);
        await using (var db = store.NewContext())
            foreach (var id in new[] { "DEU-huge-1", "DEU-huge-2" })
            {
                var announced = new PledgeAnnounced(new PledgeId(id), MemberCode.Parse("DEU"), MemberCode.Parse("UKR"), On("2023-01-10"), AssistanceCategory.AirDefence,
                    [new ItemLine("IRIS-T SLM", DecimalMax, "systems")], new Domain.Assistance.Money(DecimalMax, "EUR", On("2023-01-10"), ValuationMethod.Stated),
                    null, "older code", FigureBasis.Reported, null);
                await new EventStore(db).Commit([new StreamWrite("pledge-" + id, 0, [new PendingEvent(announced, Pledge.EffectiveOf(announced), Classification.Public)])],
                    new Recording(store.Clock.GetCurrentInstant(), "older-code"), Ct);
            }
        await using var read = store.NewContext();

        var backlog = await PledgeBacklog.Handle(read, store.Clock, On("2023-05-31"), Ct);
        var delays = await PledgeDelays.Handle(read, store.Clock, On("2023-12-31"), "donor", Ct);
        var csv = await LedgerExport.Handle(read, store.Clock, "csv", null, Ct);
        var list = await ListPledges.Handle(read, store.Clock, new(Donor: "DEU"), null, Ct);

        Assert.Equal(new BacklogLine("IRIS-T SLM", "systems", 2), backlog.Total.Items.Single(l => l.Item == "IRIS-T SLM"));
        Assert.Equal(250, backlog.Total.Value["EUR"]);
        Assert.Equal(4, backlog.Total.NotCounted.Count);
        Assert.Null(delays.Refusal);
        Assert.Null(csv.Refusal);
        Assert.Equal(4, list.Value!.Count);
        Assert.Null((await CancelPledge.Handle(read, store.Clock, "DEU-huge-1", new("2023-02-01", "typing error"), Secretariat, Ct)).Refusal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_csv_export_writes_cells_a_spreadsheet_would_run_as_text(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using (var db = store.NewContext())
            await Ok(AnnouncePledge.Handle(db, store.Clock, new("DEU-formula", "DEU", "UKR", "2023-01-10", "airDefence",
                [Item("=HYPERLINK(\"http://evil.example\",\"click\")", 1, "systems")], Money(10, "EUR"), null, "@SUM(A1:A9)"), Secretariat, Ct));
        await using var read = store.NewContext();

        var csv = (await LedgerExport.Handle(read, store.Clock, "csv", null, Ct)).Value!;
        var row = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1];

        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")=1 systems\",", row, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(A1:A9),", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", row, StringComparison.Ordinal);
    }
}
