namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/accessions over HTTP: unknown is not pending.</summary>
public sealed class AccessionsApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

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
