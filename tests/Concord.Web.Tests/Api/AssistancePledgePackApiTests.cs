using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/assistance: joint pledges, undisclosed quantities, promised periods and the pledges import over HTTP.</summary>
public sealed class AssistancePledgePackApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Joint(string id, params string[] coDonors) => new
    {
        id, donor = "DNK", coDonors, recipient = "UKR", announced = "2023-04-20", category = "missiles-long-range",
        items = new object[] { new { item = "Cruise missile", unit = "missiles", undisclosed = true } },
        promisedBy = "2024-01-01/2024-03-31", source = "S026",
    };

    [Fact]
    public async Task a_joint_pledge_of_an_undisclosed_quantity_with_a_promised_period_reads_back_as_joint_undisclosed_and_a_window()
    {
        using var created = await factory.Secretariat.PostJson("/api/v1/assistance/pledges", Joint("DNK-api-joint", "NLD"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var pledge = await factory.CreateClient().GetJson("/api/v1/assistance/pledges/DNK-api-joint");

        Assert.Equal(["DNK", "NLD"], pledge.GetProperty("donors").EnumerateArray().Select(d => d.GetString()));
        Assert.True(pledge.GetProperty("joint").GetBoolean());
        Assert.Equal("missilesLongRange", pledge.GetProperty("category").GetString());
        Assert.Equal(0, pledge.GetProperty("items").GetArrayLength());
        Assert.Equal("Cruise missile", pledge.GetProperty("undisclosed")[0].GetProperty("item").GetString());
        var promised = pledge.GetProperty("promisedWindow");
        Assert.Equal(("2024-01-01", "2024-03-31", "between"), (promised.GetProperty("earliest").GetString(), promised.GetProperty("latest").GetString(),
            promised.GetProperty("qualifier").GetString()));
        Assert.Equal("no delivery confirmed", pledge.GetProperty("delay").GetString());
    }

    [Fact]
    public async Task a_joint_pledge_naming_a_partner_that_is_no_recognised_state_is_a_400_naming_it_and_nothing_is_stored()
    {
        var problem = await factory.Secretariat.AssertRefusedWithoutChange(
            () => factory.Secretariat.PostJson("/api/v1/assistance/pledges", Joint("DNK-api-bad-joint", "NLD", "XXX")), HttpStatusCode.BadRequest);

        Assert.Contains("coDonors[1]", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_delegation_records_a_joint_pledge_only_when_its_state_is_one_of_the_donors()
    {
        using var partner = await factory.Delegation("NLD").PostJson("/api/v1/assistance/pledges", Joint("DNK-api-partner", "NLD"));
        Assert.Equal(HttpStatusCode.Created, partner.StatusCode);

        await factory.Secretariat.AssertRefusedWithoutChange(
            () => factory.Delegation("FRA").PostJson("/api/v1/assistance/pledges", Joint("DNK-api-outsider", "NLD")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_pledges_file_posted_as_csv_loads_once_and_a_row_citing_an_unregistered_source_is_a_400_on_its_line()
    {
        const string header = "pledge_id,donor,recipient,item,category,quantity,unit,announced,announced_confidence,promised_by,first_delivery,first_delivery_confidence,full_delivery,full_delivery_confidence,status,source_ids,notes\n";
        var good = header + "P901,DEU;NLD,UKR,Patriot battery,air-defence,1,battery,2023-01-05,official,2023-01-01/2023-03-31,2023-04-18,official,2023-04-18,official,,S043,\n";
        using (var loaded = await Post(good)) Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        using (var again = await Post(good))
            Assert.Equal(0, (await again.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("added").GetInt32());
        var pledge = await factory.CreateClient().GetJson("/api/v1/assistance/pledges/DEU-P901");
        var first = pledge.GetProperty("firstDeliveryWindow");
        Assert.Equal(("onOrBefore", "2023-04-18"), (first.GetProperty("qualifier").GetString(), first.GetProperty("latest").GetString()));
        Assert.Equal(["DEU", "NLD"], pledge.GetProperty("donors").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(103, pledge.GetProperty("firstDeliveryDays").GetProperty("atMost").GetInt32());

        var problem = await factory.Secretariat.AssertRefusedWithoutChange(
            () => Post(header + "P902,DEU,UKR,Gepard,air-defence,30,vehicles,2022-04-26,official,,,,,,,S9999,\n"), HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, "source_ids"), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString()));
    }

    private Task<HttpResponseMessage> Post(string body) =>
        factory.Secretariat.PostAsync("/api/v1/assistance/imports/pledges", new StringContent(body, Encoding.UTF8, "text/csv"), Ct);
}
