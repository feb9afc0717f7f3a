using System.Net;
using System.Text;
using Concord.Features.Access;

namespace Concord.Web.Tests.Api;

/// <summary>POST /api/v1/assistance/imports/{timeline|kiel|kiel-monthly|iati}: the file as the body; bad lines in a 400.</summary>
public sealed class AssistanceImportsApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, string body, string contentType) =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType), Ct);

    [Fact]
    public async Task a_kiel_release_posted_as_csv_records_its_pledges_once()
    {
        const string file = "donor,measure,announcement_date,aid_type_general,aid_type_specific,tot_activity_value,reporting_currency\nNorway,Commitment,2023-02-01,Humanitarian,Energy equipment,100,NOK\n";
        using var first = await Post(factory.Secretariat, "/api/v1/assistance/imports/kiel?release=2024-02", file, "text/csv");
        var view = await first.Json();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((1, 2), (view.GetProperty("rows").GetInt32(), view.GetProperty("added").GetInt32()));

        using var again = await Post(factory.Secretariat, "/api/v1/assistance/imports/kiel?release=2024-02", file, "text/csv");
        Assert.Equal(0, (await again.Json()).GetProperty("added").GetInt32());
    }

    [Fact]
    public async Task a_bad_row_is_a_400_listing_its_line_and_nothing_is_stored()
    {
        const string file = "year,month,iso,total,financial,humanitarian,military\n2024,1,FRA,1,0,0,1\n2024,13,FRA,1,0,0,1\n";
        var problem = await factory.Secretariat.AssertRefusedWithoutChange(
            () => Post(factory.Secretariat, "/api/v1/assistance/imports/kiel-monthly?release=2024-02", file, "text/csv"), HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((3, "month"), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString()));
    }

    [Fact]
    public async Task a_misspelt_column_is_a_400_naming_it_on_line_1_with_the_column_it_is_close_to_and_nothing_is_stored()
    {
        const string file = "date,evnt,source\n2024-01-10,Vote in the Senate,S1\n";
        var problem = await factory.Secretariat.AssertRefusedWithoutChange(
            () => Post(factory.Secretariat, "/api/v1/assistance/imports/timeline", file, "text/csv"), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString(),
            e.GetProperty("message").GetString())).ToList();
        Assert.Contains((1, "evnt", "Unknown column 'evnt'. Did you mean 'event'?"), errors);
    }

    [Fact]
    public async Task a_kiel_column_concord_does_not_read_is_ignored_but_one_close_to_a_column_it_reads_is_a_400()
    {
        const string header = "donor,measure,announcement_date,aid_type_general,aid_type_specific,tot_activity_value,reporting_currency";
        const string row = "Norway,Commitment,2023-02-01,Humanitarian,Energy equipment,100,NOK";
        var problem = await factory.Secretariat.AssertRefusedWithoutChange(
            () => Post(factory.Secretariat, "/api/v1/assistance/imports/kiel?release=2024-02", $"{header},explanation,mesure\n{row},text,Commitment\n", "text/csv"),
            HttpStatusCode.BadRequest);

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((1, "mesure"), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString()));
    }

    [Fact]
    public async Task an_xml_body_that_is_not_iati_is_a_400_and_nothing_is_stored()
    {
        var problem = await factory.Secretariat.AssertRefusedWithoutChange(
            () => Post(factory.Secretariat, "/api/v1/assistance/imports/iati", "<activities version=\"2.03\"/>", "application/xml"), HttpStatusCode.BadRequest);
        Assert.Contains("iati-activities", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_delegation_may_not_import_and_is_told_why()
    {
        using var response = await Post(factory.ClientAs(Role.Delegation, "DEU"), "/api/v1/assistance/imports/timeline",
            "date,event\n2024-01-01,Something\n", "text/csv");
        await response.AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_iati_title_becomes_an_item_name_without_its_invisible_characters()
    {
        const string file = """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03">
              <iati-activity default-currency="GBP" humanitarian="1">
                <iati-identifier>GB-GOV-1-INVISIBLE</iati-identifier>
                <reporting-org ref="GB-GOV-1" type="10"><narrative>FCDO</narrative></reporting-org>
                <title><narrative>Shelter&#x202E;kits&#x200B;</narrative></title>
                <transaction>
                  <transaction-type code="12"/>
                  <transaction-date iso-date="2023-01-10"/>
                  <value currency="GBP" value-date="2023-01-10">1000</value>
                  <provider-org ref="GB-GOV-1"/>
                </transaction>
              </iati-activity>
            </iati-activities>
            """;
        using var imported = await Post(factory.Secretariat, "/api/v1/assistance/imports/iati", file, "application/xml");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var pledge = await factory.CreateClient().GetJson("/api/v1/assistance/pledges/GBR-iati-gb-gov-1-invisible");
        Assert.Equal("Shelterkits", pledge.GetProperty("items")[0].GetProperty("item").GetString());
    }
}
