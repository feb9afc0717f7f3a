using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Concord.Features.Access;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/feeds over HTTP: Atom that a real parser reads, public for visitors, wider for an account's token.</summary>
public sealed class FeedsApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<SyndicationFeed> Atom(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        using var xml = XmlReader.Create(body);
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(xml));
        formatter.ReadFrom(xml);
        return formatter.Feed;
    }

    [Fact]
    public async Task ukraine_s_feed_parses_as_atom_with_the_secretary_general_s_visit_and_absolute_links()
    {
        var feed = await Atom(factory.CreateClient(), "/api/v1/feeds/accessions/UKR?limit=500");

        Assert.Equal("Concord: Ukraine's accession", feed.Title.Text);
        var visit = Assert.Single(feed.Items, i => i.Links[0].Uri.Fragment == "#statement-ST079");
        Assert.StartsWith("Jens Stoltenberg (", visit.Title.Text, StringComparison.Ordinal);
        Assert.Contains("NATO): visit", visit.Title.Text, StringComparison.Ordinal);
        Assert.EndsWith("(2024-04-29)", visit.Title.Text, StringComparison.Ordinal);
        Assert.True(visit.Links[0].Uri.IsAbsoluteUri);
        Assert.Equal("/actors/jens-stoltenberg", visit.Links[0].Uri.AbsolutePath);
        Assert.Equal(feed.Items.Max(i => i.LastUpdatedTime), feed.LastUpdatedTime);
        Assert.Equal(feed.Items.Count(), feed.Items.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public async Task a_recorded_change_is_the_first_entry_of_everything_and_a_restricted_one_reaches_only_a_cleared_account()
    {
        var analyst = factory.ClientAs(Role.Analyst);
        using (var said = await analyst.PostJson("/api/v1/statements", new
               {
                   id = "T-FEED-R", date = "2024-06-01", kind = "statement", subject = "ukraine-invitation", stance = "opposes", summary = "A restricted remark.",
                   classification = "NATO RESTRICTED", actors = new[] { new { name = "Dmitry Peskov", role = "Kremlin spokesman", @for = "RUS" } },
               }))
            Assert.Equal(HttpStatusCode.Created, said.StatusCode);
        var visitor = await Atom(factory.CreateClient(), "/api/v1/feeds/all?limit=500");
        var cleared = await Atom(analyst, "/api/v1/feeds/all?limit=20");

        Assert.DoesNotContain(visitor.Items, i => i.Summary.Text == "A restricted remark.");
        var first = cleared.Items.First();
        Assert.Equal("A restricted remark.", first.Summary.Text);
        Assert.Contains(first.Categories, c => c.Name == "NATO RESTRICTED");
        Assert.True(cleared.LastUpdatedTime >= visitor.LastUpdatedTime);
    }

    [Theory]
    [InlineData("/api/v1/feeds/decisions/no-such-decision", HttpStatusCode.NotFound, null)]
    [InlineData("/api/v1/feeds/actors/nobody-at-all", HttpStatusCode.NotFound, null)]
    [InlineData("/api/v1/feeds/accessions/..%2F..", HttpStatusCode.BadRequest, "candidate")]
    [InlineData("/api/v1/feeds/all?limit=0", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/api/v1/feeds/all?limit=501", HttpStatusCode.BadRequest, "limit")]
    public async Task an_unknown_feed_or_a_bad_parameter_is_a_problem_naming_it(string url, HttpStatusCode status, string? field)
    {
        using var response = await factory.CreateClient().GetAsync(url, Ct);
        await response.AssertProblem(status, field);
    }
}
