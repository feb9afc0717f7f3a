using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Assistance;
using Concord.Features.Sources;
using static Concord.Features.Tests.Assistance.PledgeLedger;

namespace Concord.Features.Tests.Assistance;

/// <summary>Recording pledges through the use cases: refusals name the field and store nothing; scope; late history.</summary>
public sealed class RecordPledgeTests
{
    private static AnnounceRequest Good => new("DEU-iris-t", "DEU", "UKR", "2023-01-10", "airDefence", [Item("IRIS-T SLM", 4, "systems")], Money(400, "EUR"), "2023-06-30", "test");

    private static readonly Dictionary<string, (AnnounceRequest Request, RefusalKind Kind, string Field)> BadAnnouncements = new()
    {
        ["a quantity of zero"] = (Good with { Items = [Item("IRIS-T SLM", 0, "systems")] }, RefusalKind.Invalid, "items[0].quantity"),
        ["an unknown currency"] = (Good with { Value = Money(1, "EURO") }, RefusalKind.Invalid, "value.currency"),
        ["a donor that is not a state"] = (Good with { Id = null, Donor = "XXX" }, RefusalKind.Invalid, "donor"),
        ["a recipient that is not a code"] = (Good with { Recipient = "Ukraine" }, RefusalKind.Invalid, "recipient"),
        ["an unknown category"] = (Good with { Category = "drones" }, RefusalKind.Invalid, "category"),
        ["no items"] = (Good with { Items = [] }, RefusalKind.Invalid, "items"),
        ["an announcement in the future"] = (Good with { Announced = "2026-12-01" }, RefusalKind.Unprocessable, "announced"),
        ["a promise before the announcement"] = (Good with { PromisedBy = "2022-12-31" }, RefusalKind.Unprocessable, "promisedBy"),
        ["an id not starting with the donor"] = (Good with { Id = "FRA-iris-t" }, RefusalKind.Invalid, "id"),
    };

    public static TheoryData<StoreKind, string> Refusals()
    {
        var data = new TheoryData<StoreKind, string>();
        foreach (var kind in new[] { StoreKind.Sqlite, StoreKind.Postgres })
            foreach (var name in BadAnnouncements.Keys) data.Add(kind, name);
        return data;
    }

    [Theory, MemberData(nameof(Refusals))]
    public async Task a_bad_announcement_is_refused_naming_the_field_and_nothing_is_stored(StoreKind kind, string bad)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        var (request, refusalKind, field) = BadAnnouncements[bad];

        var result = await AnnouncePledge.Handle(db, store.Clock, request, Secretariat, Ct);

        Assert.Equal((refusalKind, field), (result.Refusal?.Kind, result.Refusal?.Field));
        Assert.Equal(0, await store.EventCount());
    }

    [Fact]
    public async Task the_eu_institutions_may_pledge_as_euu_as_the_kiel_tracker_counts_them()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();

        var pledge = await AnnouncePledge.Handle(db, store.Clock, Good with { Id = "EUU-epf", Donor = "EUU" }, Secretariat, Ct);

        Assert.Null(pledge.Refusal);
        Assert.Equal("EUU", pledge.Value!.Donor);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_bad_delivery_is_refused_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await Ok(AnnouncePledge.Handle(db, store.Clock, Good, Secretariat, Ct));

        var tooMany = await DeliverPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-03-01", [Item("IRIS-T SLM", 5, "systems")]), Secretariat, Ct);
        var unknown = await DeliverPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-03-01", [Item("Gepard", 1, "systems")]), Secretariat, Ct);
        var early = await AdvancePledge.Handle(db, store.Clock, "DEU-iris-t", new("committed", "2023-01-09"), Secretariat, Ct);
        var down = await AdvancePledge.Handle(db, store.Clock, "DEU-iris-t", new("announced", "2023-02-01"), Secretariat, Ct);
        var missing = await CancelPledge.Handle(db, store.Clock, "DEU-nothing", new("2023-02-01"), Secretariat, Ct);

        Assert.Equal("Only 4 systems of IRIS-T SLM are outstanding; the delivery asks 5.", tooMany.Refusal?.Reason);
        Assert.Equal("items[0].quantity", tooMany.Refusal?.Field);
        Assert.Equal("items[0].item", unknown.Refusal?.Field);
        Assert.Equal("on", early.Refusal?.Field);
        Assert.Equal("status", down.Refusal?.Field);
        Assert.Equal(RefusalKind.NotFound, missing.Refusal?.Kind);
        Assert.Equal(1, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_delivery_known_only_by_its_confirmation_or_of_a_size_no_source_stated_is_recorded_as_such(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await Ok(AnnouncePledge.Handle(db, store.Clock, Good, Secretariat, Ct));

        var some = await DeliverPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-03", DateQualifier: "month", Extent: "some", Source: "test"), Secretariat, Ct);
        var rest = await DeliverPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-08-09", DateQualifier: "onOrBefore", Extent: "rest", Source: "test"), Secretariat, Ct);

        Assert.Null(some.Refusal);
        Assert.Equal("in March 2023", some.Value!.FirstDeliveryWindow!.ToString());
        Assert.True(some.Value.Items[0].SomeUnstated);
        var view = rest.Value!;
        Assert.Equal((PledgeStatus.Delivered, "on or before 2023-08-09"), (view.Status, view.FullDeliveryWindow!.ToString()));
        Assert.Equal(4m, view.Items[0].Delivered);
        Assert.Equal(DateWindow.OnOrBefore(new NodaTime.LocalDate(2023, 8, 9)), view.StatusWindow);
        Assert.Null(view.DaysToFullDelivery);
    }

    [Theory]
    [InlineData("2023-03-01", "sometime", null, "dateQualifier")]
    [InlineData("2023-03", null, null, "on")]
    [InlineData("2023-03-01", null, "lots", "extent")]
    [InlineData("2023-03-01", null, "some", "items")]
    [InlineData("2099-01", "month", "some", "on")]
    public async Task a_delivery_with_a_bad_window_or_extent_is_refused_naming_the_field_and_nothing_is_stored(string on, string? qualifier, string? extent, string field)
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        await Ok(AnnouncePledge.Handle(db, store.Clock, Good, Secretariat, Ct));

        var refused = await DeliverPledge.Handle(db, store.Clock, "DEU-iris-t",
            new(on, [Item("IRIS-T SLM", 1, "systems")], DateQualifier: qualifier, Extent: extent), Secretariat, Ct);

        Assert.Equal(field, refused.Refusal?.Field);
        Assert.Equal(1, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_pledge_citing_an_unregistered_source_id_is_refused_naming_source_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();

        var result = await AnnouncePledge.Handle(db, store.Clock, Good with { Source = "S999" }, Secretariat, Ct);

        Assert.Equal((RefusalKind.Invalid, "source"), (result.Refusal?.Kind, result.Refusal?.Field));
        Assert.Contains("S999", result.Refusal?.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await store.EventCount());
        Assert.Equal(RefusalKind.NotFound, (await GetPledge.Handle(db, store.Clock, "DEU-iris-t", null, Ct)).Refusal?.Kind);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_pledge_citing_free_text_is_accepted_without_a_registered_source(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();

        var pledge = await Ok(AnnouncePledge.Handle(db, store.Clock, Good with { Source = "Reuters, 12 May 2024" }, Secretariat, Ct));

        Assert.Equal("Reuters, 12 May 2024", pledge.Source);
        Assert.Equal(1, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_pledge_citing_a_registered_source_id_is_accepted(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        var registered = await RegisterSource.Handle(db, store.Clock,
            new SourceRequest("T1", null, "official", "Bundesregierung", "Military support for Ukraine", "2023-01-10", "https://example.org/t1", "de", null), Secretariat, Ct);
        Assert.Null(registered.Refusal);
        var events = await store.EventCount();

        var pledge = await Ok(AnnouncePledge.Handle(db, store.Clock, Good with { Source = "T1" }, Secretariat, Ct));

        Assert.Equal("T1", pledge.Source);
        Assert.Equal(events + 1, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_change_to_a_pledge_citing_an_unregistered_source_id_is_refused_naming_source_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await Ok(AnnouncePledge.Handle(db, store.Clock, Good, Secretariat, Ct));

        var advance = await AdvancePledge.Handle(db, store.Clock, "DEU-iris-t", new("contracted", "2023-02-01", "S999"), Secretariat, Ct);
        var delivery = await DeliverPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-03-01", [Item("IRIS-T SLM", 1, "systems")], Source: "S999"), Secretariat, Ct);
        var amendment = await AmendPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-03-01", PromisedBy: "2023-09-30", Source: "S999"), Secretariat, Ct);
        var cancellation = await CancelPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-03-01", "Replaced", "S999"), Secretariat, Ct);
        // The pledge is found, and the writer's scope checked, before the source is.
        var unknown = await CancelPledge.Handle(db, store.Clock, "DEU-nothing", new("2023-03-01", "Replaced", "S999"), Secretariat, Ct);
        var others = await DeliverPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-03-01", [Item("IRIS-T SLM", 1, "systems")], Source: "S999"), Delegation("FRA"), Ct);

        Assert.All([advance, delivery, amendment, cancellation], r => Assert.Equal((RefusalKind.Invalid, "source"), (r.Refusal?.Kind, r.Refusal?.Field)));
        Assert.Equal(RefusalKind.NotFound, unknown.Refusal?.Kind);
        Assert.Equal(RefusalKind.Forbidden, others.Refusal?.Kind);
        Assert.Equal(1, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_delegation_records_only_its_own_states_pledges_as_donor(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();

        var own = await AnnouncePledge.Handle(db, store.Clock, Good, Delegation("DEU"), Ct);
        var other = await AnnouncePledge.Handle(db, store.Clock, Good with { Id = "FRA-caesar", Donor = "FRA" }, Delegation("DEU"), Ct);
        var onOthers = await DeliverPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-03-01", [Item("IRIS-T SLM", 1, "systems")]), Delegation("FRA"), Ct);

        Assert.Null(own.Refusal);
        Assert.Equal((RefusalKind.Forbidden, "donor"), (other.Refusal?.Kind, other.Refusal?.Field));
        Assert.Equal(RefusalKind.Forbidden, onOthers.Refusal?.Kind);
        Assert.Equal(1, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_id_is_made_from_the_donor_the_first_item_and_the_month_when_none_is_given(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();

        var first = await Ok(AnnouncePledge.Handle(db, store.Clock, Good with { Id = null }, Secretariat, Ct));
        var second = await Ok(AnnouncePledge.Handle(db, store.Clock, Good with { Id = null }, Secretariat, Ct));

        Assert.Equal(("DEU-iris-t-slm-2023-01", "DEU-iris-t-slm-2023-01-2"), (first.Id, second.Id));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task history_entered_late_is_placed_by_its_date_in_every_as_of_view(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await Ok(AnnouncePledge.Handle(db, store.Clock, Good, Secretariat, Ct));
        await Ok(DeliverPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-08-09", [Item("IRIS-T SLM", 2, "systems")]), Secretariat, Ct));
        // Entered afterwards, but it happened first.
        await Ok(DeliverPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-03-01", [Item("IRIS-T SLM", 2, "systems")]), Secretariat, Ct));
        await Ok(AdvancePledge.Handle(db, store.Clock, "DEU-iris-t", new("contracted", "2023-02-01"), Secretariat, Ct));

        var march = (await GetPledge.Handle(db, store.Clock, "DEU-iris-t", On("2023-03-31"), Ct)).Value!;
        var now = (await GetPledge.Handle(db, store.Clock, "DEU-iris-t", null, Ct)).Value!;
        var before = await GetPledge.Handle(db, store.Clock, "DEU-iris-t", On("2023-01-09"), Ct);

        Assert.Equal((PledgeStatus.InTransit, 2m, 50, (int?)null), (march.Status, march.Items[0].Outstanding, march.DaysToFirstDelivery, march.DaysToFullDelivery));
        Assert.Equal(["announcement", "status change", "delivery"], march.History!.Select(h => h.Kind));
        Assert.Equal((PledgeStatus.Delivered, 50, 211), (now.Status, now.DaysToFirstDelivery, now.DaysToFullDelivery));
        Assert.Equal([1, 4, 3, 2], now.History!.Select(h => h.Version));
        Assert.Equal(RefusalKind.NotFound, before.Refusal?.Kind);
    }
}
