using System.Net;
using Concord.Features.Access;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/assistance: recording pledges and deliveries, delays, backlog, export; 400/403/404 store nothing.</summary>
public sealed class AssistanceApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Pledge(string id, string donor, string source = "test") => new
    {
        id, donor, recipient = "UKR", announced = "2023-01-10", category = "airDefence",
        items = new[] { new { item = "IRIS-T SLM", quantity = 4, unit = "systems" } },
        value = new { amount = 400, currency = "EUR" }, promisedBy = "2023-06-30", source,
    };

    [Fact]
    public async Task a_pledge_is_recorded_delivered_in_part_and_read_back_as_of_a_date()
    {
        var secretariat = factory.Secretariat;
        using var created = await secretariat.PostJson("/api/v1/assistance/pledges", Pledge("NOR-api-happy", "NOR"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/assistance/pledges/NOR-api-happy", created.Headers.Location?.ToString());
        using var delivered = await secretariat.PostJson("/api/v1/assistance/pledges/NOR-api-happy/deliveries",
            new { on = "2023-03-01", items = new[] { new { item = "IRIS-T SLM", quantity = 1, unit = "systems" } } });
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);

        var now = await secretariat.GetJson("/api/v1/assistance/pledges/NOR-api-happy");
        var before = await secretariat.GetJson("/api/v1/assistance/pledges/NOR-api-happy?asOf=2023-02-01");

        Assert.Equal("inTransit", now.GetProperty("status").GetString());
        Assert.Equal(50, now.GetProperty("daysToFirstDelivery").GetInt32());
        Assert.Equal(3, now.GetProperty("items")[0].GetProperty("outstanding").GetDecimal());
        Assert.Equal(2, now.GetProperty("history").GetArrayLength());
        Assert.Equal("announced", before.GetProperty("status").GetString());
        // Listed by its donor, beside the shipped pledges of that donor and nothing of another's.
        var listed = (await factory.CreateClient().GetJson("/api/v1/assistance/pledges?donor=NOR")).EnumerateArray().ToList();
        Assert.Contains(listed, p => p.GetProperty("id").GetString() == "NOR-api-happy");
        Assert.All(listed, p => Assert.Contains("NOR", p.GetProperty("donors").EnumerateArray().Select(d => d.GetString())));
    }

    [Fact]
    public async Task delays_backlog_and_the_export_answer_anyone_with_the_public_data()
    {
        var secretariat = factory.Secretariat;
        using (var _ = await secretariat.PostJson("/api/v1/assistance/pledges", Pledge("LUX-api-delays", "LUX"))) { }
        var visitor = factory.CreateClient();

        var delays = await visitor.GetJson("/api/v1/assistance/delays?by=donor&asOf=2024-12-31");
        var backlog = await visitor.GetJson("/api/v1/assistance/backlog?asOf=2024-12-31");
        using var csv = await visitor.GetAsync("/api/v1/assistance/export?format=csv", Ct);
        var json = await visitor.GetJson("/api/v1/assistance/export?format=json");

        Assert.Contains(delays.GetProperty("groups").EnumerateArray(), g => g.GetProperty("key").GetString() == "LUX" && g.GetProperty("pledges").GetInt32() == 1);
        Assert.True(delays.TryGetProperty("fundingEvents", out _));
        Assert.Equal(4, backlog.GetProperty("byDonor").GetProperty("LUX").GetProperty("items")[0].GetProperty("outstanding").GetDecimal());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\r\nLUX-api-delays,LUX,UKR,airDefence,2023-01-10,announced,", await csv.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("pledges").EnumerateArray(), p => p.GetProperty("id").GetString() == "LUX-api-delays");
    }

    [Fact]
    public async Task bad_input_is_a_400_naming_the_field_and_stores_nothing()
    {
        var secretariat = factory.Secretariat;
        var bad = new
        {
            id = "NOR-api-bad", donor = "NOR", recipient = "UKR", announced = "2023-01-10", category = "airDefence",
            items = new[] { new { item = "IRIS-T SLM", quantity = 0, unit = "systems" } },
        };

        await secretariat.AssertRefusedWithoutChange(() => secretariat.PostJson("/api/v1/assistance/pledges", bad), HttpStatusCode.BadRequest, "items[0].quantity");
        await secretariat.AssertRefusedWithoutChange(() => secretariat.PostJson("/api/v1/assistance/pledges", new
        {
            id = "NOR-api-bad", donor = "NOR", recipient = "UKR", announced = "2023-01-10", category = "airDefence",
            items = new[] { new { item = "IRIS-T SLM", quantity = 1, unit = "systems" } }, value = new { amount = 1, currency = "XXX" },
        }), HttpStatusCode.BadRequest, "value.currency");
        using var delays = await secretariat.GetAsync("/api/v1/assistance/delays?by=year", Ct);
        await delays.AssertProblem(HttpStatusCode.BadRequest, "by");
    }

    [Fact]
    public async Task a_pledge_or_delivery_citing_an_unregistered_source_id_is_a_400_naming_source_and_stores_nothing()
    {
        var secretariat = factory.Secretariat;
        using (var created = await secretariat.PostJson("/api/v1/assistance/pledges", Pledge("NOR-api-cited", "NOR", "S20")))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var problem = await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson("/api/v1/assistance/pledges", Pledge("NOR-api-uncited", "NOR", "S999")), HttpStatusCode.BadRequest, "source");
        await secretariat.AssertRefusedWithoutChange(() => secretariat.PostJson("/api/v1/assistance/pledges/NOR-api-cited/deliveries",
            new { on = "2023-03-01", items = new[] { new { item = "IRIS-T SLM", quantity = 1, unit = "systems" } }, source = "S999" }), HttpStatusCode.BadRequest, "source");

        Assert.Contains("S999", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var read = await secretariat.GetAsync("/api/v1/assistance/pledges/NOR-api-uncited", Ct);
        await read.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_delegation_records_its_own_states_pledge_but_another_states_is_a_403_that_stores_nothing()
    {
        var germany = factory.ClientAs(Role.Delegation, "DEU");

        using var own = await germany.PostJson("/api/v1/assistance/pledges", Pledge("DEU-api-own", "DEU"));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        await germany.AssertRefusedWithoutChange(() => germany.PostJson("/api/v1/assistance/pledges", Pledge("FRA-api-other", "FRA")), HttpStatusCode.Forbidden, "donor");
    }

    [Fact]
    public async Task an_unknown_pledge_is_a_404()
    {
        var secretariat = factory.Secretariat;
        using var read = await secretariat.GetAsync("/api/v1/assistance/pledges/NOR-nothing", Ct);
        await read.AssertProblem(HttpStatusCode.NotFound);
        await secretariat.AssertRefusedWithoutChange(() => secretariat.PostJson("/api/v1/assistance/pledges/NOR-nothing/cancellation", new { on = "2023-02-01" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task known_on_a_day_a_pledge_shows_only_what_had_happened_and_been_published_by_then()
    {
        var secretariat = factory.Secretariat;
        // Announced 2024-01-10, citing a report published 2024-04-05; delivered in part on 2024-03-01.
        using (var created = await secretariat.PostJson("/api/v1/assistance/pledges", new
               {
                   id = "DNK-api-known-on", donor = "DNK", recipient = "UKR", announced = "2024-01-10", category = "airDefence",
                   items = new[] { new { item = "IRIS-T SLM", quantity = 4, unit = "systems" } }, source = "up-2024-04-05-stefanishyna",
               }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var delivered = await secretariat.PostJson("/api/v1/assistance/pledges/DNK-api-known-on/deliveries",
                   new { on = "2024-03-01", items = new[] { new { item = "IRIS-T SLM", quantity = 1, unit = "systems" } } }))
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var visitor = factory.CreateClient();

        var february = await visitor.GetJson("/api/v1/assistance/pledges/DNK-api-known-on?knownOn=2024-02-01");
        var march = await visitor.GetJson("/api/v1/assistance/pledges/DNK-api-known-on?asOf=2024-12-31&knownOn=2024-03-15");
        var may = await visitor.GetJson("/api/v1/assistance/pledges/DNK-api-known-on?knownOn=2024-05-01");

        // Nothing after the known-on day can be said: the view is as of that day, whatever later day is asked.
        Assert.Equal(("2024-02-01", 4m, false), (february.GetProperty("asOf").GetString(), february.GetProperty("items")[0].GetProperty("outstanding").GetDecimal(), february.TryGetProperty("source", out _)));
        Assert.Equal(("2024-03-15", 3m), (march.GetProperty("asOf").GetString(), march.GetProperty("items")[0].GetProperty("outstanding").GetDecimal()));
        Assert.False(march.TryGetProperty("source", out _));
        Assert.Equal("up-2024-04-05-stefanishyna", may.GetProperty("source").GetString());
        var listed = (await visitor.GetJson("/api/v1/assistance/pledges?donor=DNK&knownOn=2023-12-31")).EnumerateArray();
        Assert.DoesNotContain(listed, p => p.GetProperty("id").GetString() == "DNK-api-known-on");
    }

    [Fact]
    public async Task known_on_a_day_the_delays_show_only_the_funding_events_of_that_day_and_before()
    {
        var delays = await factory.CreateClient().GetJson("/api/v1/assistance/delays?knownOn=2024-03-01");

        Assert.Equal("2024-03-01", delays.GetProperty("asOf").GetString());
        var days = delays.GetProperty("fundingEvents").EnumerateArray().Select(f => f.GetProperty("on").GetString()!).ToList();
        Assert.NotEmpty(days);
        Assert.All(days, d => Assert.True(string.CompareOrdinal(d, "2024-03-01") <= 0, d));
    }

    [Theory]
    [InlineData("/api/v1/assistance/pledges?knownOn=2024-02-30")]
    [InlineData("/api/v1/assistance/delays?knownOn=soon")]
    [InlineData("/api/v1/assistance/backlog?knownOn=1899-12-31")]
    [InlineData("/api/v1/assistance/export?knownOn=2024-13-01")]
    public async Task a_malformed_known_on_on_the_ledger_is_a_400_naming_it(string url)
    {
        using var response = await factory.CreateClient().GetAsync(url, TestContext.Current.CancellationToken);

        await response.AssertProblem(HttpStatusCode.BadRequest, "knownOn");
    }
}
