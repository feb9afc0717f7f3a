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
        using (var opened = await secretariat.PostJson("/api/v1/accessions", new { candidate = "AND", name = "Andorra" }))
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        foreach (var (step, date) in new[] { ("application", "2024-05-02"), ("invitation", "2024-07-10"), ("protocolSigned", "2024-09-02") })
            using (var recorded = await secretariat.PostJson("/api/v1/accessions/AND/steps", new { step, date, source = "S01" }))
                Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        const string url = "/api/v1/accessions/AND/ratifications";
        using (var first = await secretariat.PostJson(url, new { party = "DEU", stage = "parliamentaryApproval", date = "2024-09-10", source = "S01" }))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var unmarked = await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson(url, new { party = "DEU", stage = "parliamentaryApproval", date = "2024-09-12", source = "S02" }), HttpStatusCode.Conflict);
        await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson(url, new { party = "DEU", stage = "parliamentaryApproval", date = "2024-09-12", corrects = "yes" }),
            HttpStatusCode.BadRequest, "source");
        using var marked = await secretariat.PostJson(url, new { party = "DEU", stage = "parliamentaryApproval", date = "2024-09-12", source = "S02", corrects = "yes" });

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
        Assert.Equal("As of 2023-03-01, 28 of 30 Parties had ratified (2 of them as reported, 1 derived); Hungary and Türkiye pending for 239 days.", status.GetProperty("summary").GetString());
    }

    /// <summary>Opens <paramref name="candidate"/>'s accession as the secretariat, its protocol signed on 2024-09-02, and records the steps given.</summary>
    private async Task<HttpClient> Signed(string candidate, string name, params object[] steps)
    {
        var secretariat = factory.Secretariat;
        using (var opened = await secretariat.PostJson("/api/v1/accessions", new { candidate, name }))
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        foreach (var step in new object[] { new { step = "invitation", date = "2024-07-10" }, new { step = "protocolSigned", date = "2024-09-02" } }.Concat(steps))
        {
            using var response = await secretariat.PostJson($"/api/v1/accessions/{candidate}/steps", step);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{ApiCalls.ToJson(step)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }
        return secretariat;
    }

    [Fact]
    public async Task a_last_ratification_contradicting_a_later_deposit_is_refused_with_422_naming_the_party_and_nothing_is_stored()
    {
        var secretariat = await Signed("SRB", "Serbia", new { step = "ratification", party = "CAN", stage = "deposit", date = "2024-10-10" });

        var problem = await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson("/api/v1/accessions/SRB/steps", new { step = "lastRatification", party = "DEU", date = "2024-10-01" }),
            HttpStatusCode.UnprocessableEntity, "party");

        Assert.Contains("Canada's deposit is recorded on 2024-10-10", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson("/api/v1/accessions/SRB/steps", new { step = "lastRatification", party = "AUT", date = "2024-10-20" }),
            HttpStatusCode.UnprocessableEntity, "party");
    }

    [Fact]
    public async Task the_last_ratifier_a_source_names_is_shown_with_its_window_and_bounds_every_other_deposit()
    {
        var secretariat = await Signed("BIH", "Bosnia and Herzegovina",
            new { step = "ratification", party = "TUR", stage = "parliamentaryApproval", date = "2024-11-28" },
            new { step = "lastRatification", party = "TUR", date = "2024-11-28/2024-12-02", dateQualifier = "between", source = "S-test" });

        var status = (await secretariat.GetJson("/api/v1/accessions/BIH")).GetProperty("status");

        Assert.Equal("TUR", status.GetProperty("lastRatifier").GetString());
        // The dates cannot say how long after the others it came: no days are given (a null is left out, as everywhere).
        Assert.False(status.GetProperty("criticalPath")[0].TryGetProperty("delayDays", out _));
        var canada = status.GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("party").GetString() == "CAN");
        Assert.Equal(("ratifiedByBound", "2024-12-02", "onOrBefore"),
            (canada.GetProperty("state").GetString(), canada.GetProperty("deposited").GetProperty("latest").GetString(), canada.GetProperty("deposited").GetProperty("qualifier").GetString()));
        var window = status.GetProperty("enteredIntoForce");
        Assert.Equal(("2024-11-28", "2024-12-02", "between"),
            (window.GetProperty("earliest").GetString(), window.GetProperty("latest").GetString(), window.GetProperty("qualifier").GetString()));
    }

    [Fact]
    public async Task a_party_whose_window_straddles_the_date_is_in_a_window_not_pending_and_an_inverted_window_is_refused_naming_the_date()
    {
        var secretariat = await Signed("MDA", "Moldova",
            new { step = "ratification", party = "CAN", stage = "deposit", date = "2024-10-01/2024-10-20", dateQualifier = "between" },
            new { step = "ratification", party = "DNK", stage = "deposit", date = "2024-11-01", dateQualifier = "onOrAfter" });

        var status = (await secretariat.GetJson("/api/v1/accessions/MDA?asOf=2024-10-10")).GetProperty("status");

        var parties = status.GetProperty("parties").EnumerateArray().ToDictionary(p => p.GetProperty("party").GetString()!);
        Assert.Equal("inWindow", parties["CAN"].GetProperty("state").GetString());
        Assert.Equal("2024-10-01", parties["CAN"].GetProperty("window").GetProperty("earliest").GetString());
        Assert.Equal("pending", parties["DNK"].GetProperty("state").GetString());
        Assert.Equal(["DNK"], status.GetProperty("pending").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("CAN", status.GetProperty("notKnown").EnumerateArray().Select(p => p.GetString()));
        await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson("/api/v1/accessions/MDA/ratifications", new { party = "USA", stage = "deposit", date = "2024-10-20/2024-10-01", dateQualifier = "between" }),
            HttpStatusCode.BadRequest, "date");
    }

    [Fact]
    public async Task a_recorded_entry_into_force_before_a_recorded_deposit_is_refused_with_422_naming_the_date_and_nothing_is_stored()
    {
        var secretariat = await Signed("XKX", "Kosovo", new { step = "ratification", party = "CAN", stage = "deposit", date = "2024-10-10", source = "S01" });

        var problem = await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson("/api/v1/accessions/XKX/steps", new { step = "protocolInForce", date = "2024-10-01", source = "S01" }),
            HttpStatusCode.UnprocessableEntity, "date");

        Assert.Contains("Canada's deposit is recorded on 2024-10-10, after 2024-10-01", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_deposit_after_a_recorded_entry_into_force_is_refused_with_422_naming_the_date_and_nothing_is_stored()
    {
        var secretariat = await Signed("GEO", "Georgia", new { step = "protocolInForce", date = "2024-10-01", dateQualifier = "onOrBefore", source = "S01" });

        await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson("/api/v1/accessions/GEO/ratifications", new { party = "CAN", stage = "deposit", date = "2024-10-10", source = "S01" }),
            HttpStatusCode.UnprocessableEntity, "date");
    }

    [Fact]
    public async Task a_bound_that_contradicts_a_dated_fact_is_refused_with_422_naming_the_date_and_nothing_is_stored()
    {
        var secretariat = await Signed("ARM", "Armenia", new { step = "ratification", party = "CAN", stage = "parliamentaryApproval", date = "2024-10-10", source = "S01" });

        // A deposit "on or before 2024-10-05" is certainly before the approval of 2024-10-10 it requires.
        await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson("/api/v1/accessions/ARM/ratifications", new { party = "CAN", stage = "deposit", date = "2024-10-05", dateQualifier = "onOrBefore", source = "S01" }),
            HttpStatusCode.UnprocessableEntity, "date");
    }

    [Fact]
    public async Task north_macedonia_s_protocol_entered_into_force_on_2020_03_19_exactly_as_the_depositary_recorded()
    {
        var status = (await _client.GetJson("/api/v1/accessions/MKD?asOf=2020-03-19")).GetProperty("status");
        var before = (await _client.GetJson("/api/v1/accessions/MKD?asOf=2020-03-18")).GetProperty("status");

        var inForce = status.GetProperty("enteredIntoForce");
        Assert.Equal(("2020-03-19", "on"), (inForce.GetProperty("latest").GetString(), inForce.GetProperty("qualifier").GetString()));
        Assert.False(before.TryGetProperty("enteredIntoForce", out var none) && none.ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task the_list_as_of_a_day_says_of_each_accession_what_its_own_page_says_then_and_leaves_out_paths_not_yet_begun()
    {
        var list = (await _client.GetJson("/api/v1/accessions?asOf=2020-03-18")).EnumerateArray().ToDictionary(a => a.GetProperty("candidate").GetString()!);
        var page = (await _client.GetJson("/api/v1/accessions/MKD?asOf=2020-03-18")).GetProperty("status");

        Assert.DoesNotContain("FIN", list.Keys);
        Assert.DoesNotContain("SWE", list.Keys);
        var mkd = list["MKD"];
        Assert.Equal("", mkd.GetProperty("pending").GetString());
        Assert.Equal(page.GetProperty("ratifiedCount").GetInt32(), mkd.GetProperty("ratified").GetInt32());
        Assert.Equal(page.GetProperty("notKnown").GetArrayLength(), mkd.GetProperty("notKnown").GetString()!.Split(',').Length);
        Assert.Equal(page.GetProperty("stage").GetString(), mkd.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task the_list_known_on_a_day_counts_only_the_ratifications_known_by_then()
    {
        var known = (await _client.GetJson("/api/v1/accessions?asOf=2023-03-28&knownOn=2023-03-28")).EnumerateArray().Single(a => a.GetProperty("candidate").GetString() == "FIN");
        var page = (await _client.GetJson("/api/v1/accessions/FIN?asOf=2023-03-28&knownOn=2023-03-28")).GetProperty("status");

        Assert.Equal(page.GetProperty("ratifiedCount").GetInt32(), known.GetProperty("ratified").GetInt32());
        Assert.Equal(string.Join(',', page.GetProperty("pending").EnumerateArray().Select(p => p.GetString())), known.GetProperty("pending").GetString());
    }

    [Theory]
    [InlineData("asOf=2020-02-30", "asOf")]
    [InlineData("knownOn=yesterday", "knownOn")]
    public async Task the_list_refuses_a_malformed_day_naming_it(string query, string field)
    {
        using var response = await _client.GetAsync($"/api/v1/accessions?{query}", TestContext.Current.CancellationToken);
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
    }
}
