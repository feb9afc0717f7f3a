using System.Net;
using System.Text;

namespace Concord.Web.Tests.Hosting;

/// <summary>An import takes only a body in its own format that holds a file: 415 for another media type, 400 for no file.</summary>
public sealed class ImportBodiesTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> Post(string kind, string body, string contentType) =>
        factory.Secretariat.PostAsync($"/api/v1/assistance/imports/{kind}?release=2024-02", new StringContent(body, Encoding.UTF8, contentType), Ct);

    [Theory]
    [InlineData("timeline", "text/plain")]
    [InlineData("timeline", "application/json")]
    [InlineData("kiel", "application/x-www-form-urlencoded")]
    [InlineData("kiel-monthly", "multipart/form-data")]
    [InlineData("iati", "text/plain")]
    public async Task an_import_posted_with_another_media_type_is_refused_with_415_naming_the_content_type(string kind, string contentType)
    {
        await factory.Secretariat.AssertRefusedWithoutChange(
            () => Post(kind, "date,event\n2024-01-02,Sent as the wrong type\n", contentType), HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Theory]
    [InlineData("timeline", "")]
    [InlineData("timeline", "   \n\n")]
    [InlineData("timeline", "date,event\n")]
    [InlineData("timeline", "{\"not\": \"a csv file\"}")]
    [InlineData("kiel", "")]
    [InlineData("kiel", "donor,announcement_date,aid_type_general,measure\n")]
    [InlineData("kiel", "<html><body>not a csv file</body></html>")]
    [InlineData("kiel-monthly", "")]
    [InlineData("timeline", "date,event\n2024-01-02,\0\0\0")]
    public async Task an_empty_or_rowless_csv_import_is_a_400_naming_the_body_and_stores_nothing(string kind, string body)
    {
        var problem = await factory.Secretariat.AssertRefusedWithoutChange(() => Post(kind, body, "text/csv"), HttpStatusCode.BadRequest, "body");

        Assert.Equal("The file was not loaded.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task an_empty_iati_import_is_a_400_naming_the_body()
    {
        await factory.Secretariat.AssertRefusedWithoutChange(() => Post("iati", "", "application/xml"), HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task a_csv_import_with_its_charset_named_is_read()
    {
        using var response = await factory.Secretariat.PostAsync("/api/v1/assistance/imports/timeline",
            new StringContent("date,event\n2024-01-02,Read with its charset\n", Encoding.UTF8, "text/csv"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Json()).GetProperty("rows").GetInt32());
    }
}
