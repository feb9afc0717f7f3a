using Concord.Domain.Assistance;
using Concord.Features.Assistance.Importing;
using Concord.Features.EventLog;
using NodaTime;

namespace Concord.Features.Tests.Assistance.Importing;

public sealed class ImportIatiTests
{
    // The shape of the IATI v2.03 activity example: one activity, a pledge, a commitment, a disbursement and an
    // expenditure (type 4, not an assistance fact).
    private const string Activity = """
        <?xml version="1.0" encoding="UTF-8"?>
        <iati-activities version="2.03" generated-datetime="2024-03-01T00:00:00Z">
          <iati-activity default-currency="GBP" humanitarian="1" last-updated-datetime="2024-03-01T00:00:00Z" xml:lang="en">
            <iati-identifier>GB-GOV-1-300123</iati-identifier>
            <reporting-org ref="GB-GOV-1" type="10"><narrative>Foreign, Commonwealth and Development Office</narrative></reporting-org>
            <title><narrative>Humanitarian support to Ukraine</narrative></title>
            <description><narrative>Shelter and winterisation.</narrative></description>
            <activity-status code="2"/>
            <recipient-country code="UA" percentage="100"/>
            <transaction>
              <transaction-type code="12"/>
              <transaction-date iso-date="2023-01-10"/>
              <value currency="GBP" value-date="2023-01-10">1000000</value>
              <description><narrative>Pledge at the donor conference</narrative></description>
              <provider-org ref="GB-GOV-1"><narrative>FCDO</narrative></provider-org>
              <receiver-org ref="XM-OCHA-1"><narrative>OCHA</narrative></receiver-org>
            </transaction>
            <transaction>
              <transaction-type code="2"/>
              <transaction-date iso-date="2023-02-01"/>
              <value value-date="2023-02-01">1000000</value>
              <provider-org ref="GB-GOV-1"/>
            </transaction>
            <transaction>
              <transaction-type code="3"/>
              <transaction-date iso-date="2023-03-01"/>
              <value currency="GBP" value-date="2023-03-01">400000</value>
              <provider-org ref="GB-GOV-1"/>
            </transaction>
            <transaction>
              <transaction-type code="4"/>
              <transaction-date iso-date="2023-03-05"/>
              <value currency="GBP" value-date="2023-03-05">1000</value>
            </transaction>
          </iati-activity>
        </iati-activities>
        """;

    private const string PledgeStream = "pledge-GBR-iati-gb-gov-1-300123";

    private static WriteContext Secretariat => new("test");

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task pledge_commitment_and_disbursement_become_an_announced_committed_pledge_with_a_delivery(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        var report = await ImportIati.Handle(db, store.Clock, new StringReader(Activity), Secretariat, ct);
        Assert.Empty(report.Errors);
        Assert.Equal((4, 3), (report.Rows, report.Added));
        var events = (await new EventStore(db).ReadStream(PledgeStream, ct)).Select(EventStore.Deserialize).ToList();
        var announced = Assert.IsType<PledgeAnnounced>(events[0]);
        Assert.Equal(("GBR", "UKR", AssistanceCategory.Humanitarian), (announced.Donor.Value, announced.Recipient.Value, announced.Category));
        Assert.Equal(new Money(1_000_000m, "GBP", new LocalDate(2023, 1, 10), ValuationMethod.Stated), announced.Value);
        Assert.Equal(new LocalDate(2023, 1, 10), announced.Announced);
        var committed = Assert.IsType<PledgeAdvanced>(events[1]);
        Assert.Equal((PledgeStatus.Committed, new LocalDate(2023, 2, 1)), (committed.Status, committed.On));
        var delivery = Assert.IsType<DeliveryRecorded>(events[2]);
        Assert.Equal(new LocalDate(2023, 3, 1), delivery.On);
        Assert.Equal(new ItemLine("Humanitarian support to Ukraine", 400_000m, "GBP"), Assert.Single(delivery.Items));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_same_file_again_adds_nothing(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await ImportIati.Handle(db, store.Clock, new StringReader(Activity), Secretariat, ct);
        var again = await ImportIati.Handle(db, store.Clock, new StringReader(Activity), Secretariat, ct);
        Assert.Equal((0, 3), (again.Added, await store.EventCount()));
    }

    [Fact]
    public async Task a_disbursement_above_what_was_pledged_is_refused_on_the_activity_line_and_nothing_is_stored()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        var tooMuch = Activity.Replace("value-date=\"2023-03-01\">400000<", "value-date=\"2023-03-01\">1500000<", StringComparison.Ordinal);
        var report = await ImportIati.Handle(db, store.Clock, new StringReader(tooMuch), Secretariat, TestContext.Current.CancellationToken);
        Assert.Equal(3, Assert.Single(report.Errors).Line);
        Assert.Contains("outstanding", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.EventCount());
    }

    [Fact]
    public async Task a_file_with_another_root_is_refused_and_nothing_is_stored()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        var report = await ImportIati.Handle(db, store.Clock, new StringReader("<activities version=\"2.03\"><activity/></activities>"), Secretariat,
            TestContext.Current.CancellationToken);
        Assert.Equal((1, "activities"), (Assert.Single(report.Errors).Line, report.Errors[0].Column!));
        Assert.Equal(0, await store.EventCount());
    }

    [Fact]
    public async Task bad_codes_dates_and_missing_elements_are_reported_by_line_and_element_and_nothing_is_stored()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        var bad = Activity
            .Replace("<transaction-type code=\"2\"/>", "<transaction-type code=\"14\"/>", StringComparison.Ordinal)   // line 19
            .Replace("iso-date=\"2023-03-01\"", "iso-date=\"March 2023\"", StringComparison.Ordinal)                 // line 26
            .Replace("<title><narrative>Humanitarian support to Ukraine</narrative></title>", "", StringComparison.Ordinal); // activity, line 3
        var report = await ImportIati.Handle(db, store.Clock, new StringReader(bad), Secretariat, TestContext.Current.CancellationToken);
        Assert.Equal([(3, "title"), (19, "transaction-type/@code"), (26, "transaction-date/@iso-date")], report.Errors.Select(e => (e.Line, e.Column!)));
        Assert.Equal(0, await store.EventCount());
    }

    [Fact]
    public async Task a_document_type_declaration_is_refused()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        var report = await ImportIati.Handle(db, store.Clock,
            new StringReader("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"boom\">]>\n<iati-activities version=\"2.03\"/>"), Secretariat, TestContext.Current.CancellationToken);
        Assert.False(report.Succeeded);
        Assert.Equal(0, await store.EventCount());
    }
}
