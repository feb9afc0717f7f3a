using System.Net;
using System.Text;
using Concord.Web.Hosting;

namespace Concord.Web.Tests.Hosting;

/// <summary>Request bodies over 64 KiB are refused before anything reads them.</summary>
public sealed class BodyLimitTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private readonly HttpClient _client = factory.Secretariat;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A valid opening request padded with whitespace to exactly <paramref name="bytes"/> bytes.</summary>
    private static string OpeningOf(int bytes)
    {
        var json = ApiCalls.ToJson(new { subject = "Padded request" });
        return json[..^1] + new string(' ', bytes - json.Length) + "}";
    }

    [Fact]
    public async Task a_body_over_64_KiB_is_refused_naming_the_body_and_changes_nothing()
    {
        var json = OpeningOf((int)BodyLimit.MaxBytes + 1);

        var problem = await _client.AssertRefusedWithoutChange(() => _client.PostRaw("/api/v1/decisions", json), HttpStatusCode.BadRequest, "body");
        Assert.Contains("64 KiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_position_body_over_64_KiB_is_refused_naming_the_body_and_changes_nothing()
    {
        var json = ApiCalls.ToJson(new { member = "FRA", kind = "concur", note = new string('n', 70_000) });

        await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("FRA").PostRaw($"/api/v1/decisions/{ApiCalls.UkraineInvitation}/positions", json), HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task a_body_over_64_KiB_sent_without_a_length_is_refused_and_changes_nothing()
    {
        var bytes = Encoding.UTF8.GetBytes(OpeningOf(200_000));

        await _client.AssertRefusedWithoutChange(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/decisions") { Content = new StreamContent(new UnknownLengthStream(bytes)) };
            request.Content.Headers.ContentType = new("application/json");
            return await _client.SendAsync(request, Ct);
        }, HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task a_body_of_exactly_64_KiB_is_read()
    {
        using var response = await _client.PostRaw("/api/v1/decisions", OpeningOf((int)BodyLimit.MaxBytes));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>A stream that will not tell its length, so the client sends the body chunked, without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
