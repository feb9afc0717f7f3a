using System.Net;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/accessions over HTTP: unknown is not pending; a different date is recorded only as a marked correction.</summary>
public sealed class AccessionsApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task a_ratification_with_another_date_than_the_one_recorded_is_a_409_unless_it_says_it_corrects_it_with_its_own_source()
    {
        var secretariat = factory.Secretariat;
        using (var opened = await secretariat.PostJson("/api/v1/accessions", new { candidate = "MDA", name = "Moldova" }))
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        foreach (var (step, date) in new[] { ("application", "2024-05-02"), ("invitation", "2024-07-10"), ("protocolSigned", "2024-09-02") })
            using (var recorded = await secretariat.PostJson("/api/v1/accessions/MDA/steps", new { step, date, source = "S1" }))
                Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        const string url = "/api/v1/accessions/MDA/ratifications";
        using (var first = await secretariat.PostJson(url, new { party = "DEU", stage = "parliamentaryApproval", date = "2024-09-10", source = "S1" }))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var unmarked = await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson(url, new { party = "DEU", stage = "parliamentaryApproval", date = "2024-09-12", source = "S2" }), HttpStatusCode.Conflict);
        await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson(url, new { party = "DEU", stage = "parliamentaryApproval", date = "2024-09-12", corrects = "yes" }),
            HttpStatusCode.BadRequest, "source");
        using var marked = await secretariat.PostJson(url, new { party = "DEU", stage = "parliamentaryApproval", date = "2024-09-12", source = "S2", corrects = "yes" });

        Assert.Contains("corrects", unmarked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var view = await marked.Json();
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        var deu = view.GetProperty("steps").EnumerateArray().Where(s => s.TryGetProperty("party", out var party) && party.GetString() == "DEU").ToList();
        Assert.Equal([("2024-09-10", false), ("2024-09-12", true)], deu.Select(s => (s.GetProperty("date").GetProperty("latest").GetString(), s.GetProperty("corrects").GetBoolean())));
    }

    [Theory]
    [InlineData("MKD", "2020-03-18", 3, 26)]
    [InlineData("MNE", "2017-06-04", 6, 22)]
    public async Task an_accession_whose_dates_the_sources_lack_names_no_party_pending_and_says_how_many_are_not_known(
        string candidate, string asOf, int ratified, int notKnown)
    {
        var status = (await _client.GetJson($"/api/v1/accessions/{candidate}?asOf={asOf}")).GetProperty("status");

        Assert.Empty(status.GetProperty("pending").EnumerateArray());
        Assert.Equal(notKnown, status.GetProperty("notKnown").GetArrayLength());
        Assert.Equal(ratified, status.GetProperty("ratifiedCount").GetInt32());
        Assert.Equal(notKnown, status.GetProperty("parties").EnumerateArray().Count(p => p.GetProperty("state").GetString() == "notKnown"));
        Assert.DoesNotContain("pending", status.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task finland_as_of_2023_03_01_names_hungary_and_turkiye_as_pending_since_their_acts_are_dated_later()
    {
        var status = (await _client.GetJson("/api/v1/accessions/FIN?asOf=2023-03-01")).GetProperty("status");

        Assert.Equal(["HUN", "TUR"], status.GetProperty("pending").EnumerateArray().Select(p => p.GetString()));
        Assert.Empty(status.GetProperty("notKnown").EnumerateArray());
        Assert.Equal("As of 2023-03-01, 28 of 30 Parties had ratified; Hungary and Türkiye pending for 239 days.", status.GetProperty("summary").GetString());
    }
}
