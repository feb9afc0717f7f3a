using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Concord.Domain;
using Concord.Features;
using Concord.Features.Access;
using Concord.Features.Following;
using Concord.Features.Storage;
using Concord.Web.Hosting;

namespace Concord.Web.Api;

/// <summary>
/// /api/v1/feeds: Atom feeds to follow Concord — everything, a decision, an accession, an actor. A visitor gets the public
/// record; an account sends its access token (Authorization: Bearer) or its sign-in cookie and gets what it may read.
/// </summary>
public static class FeedsApi
{
    public const string AtomType = "application/atom+xml";

    public static RouteGroupBuilder MapFeedsApi(this RouteGroupBuilder api)
    {
        var feeds = api.MapGroup("/feeds").WithTags("Feeds");
        feeds.MapGet("/all", (ConcordDbContext db, HttpContext http, int? limit, CancellationToken ct) =>
                Atom(http, Feeds.Everything(db, http.Reader(), limit, ct)))
            .WithSummary("Atom: every change the reader may see, newest first, told in words with a link (limit 1 to 500, default 50).")
            .Produces(200, contentType: AtomType).ProducesProblem(400).RequirePermission(Permission.ReadPublic);
        feeds.MapGet("/decisions/{id}", (ConcordDbContext db, HttpContext http, string id, int? limit, CancellationToken ct) =>
                Atom(http, Feeds.OfDecision(db, id, http.Reader(), limit, ct)))
            .WithSummary("Atom: a decision's changes and the statements that concern it, as far as the reader may see them.")
            .Produces(200, contentType: AtomType).ProducesProblem(400).ProducesProblem(404).RequirePermission(Permission.ReadPublic);
        feeds.MapGet("/accessions/{candidate}", (ConcordDbContext db, HttpContext http, string candidate, int? limit, CancellationToken ct) =>
                Atom(http, Feeds.OfAccession(db, candidate, http.Reader(), limit, ct)))
            .WithSummary("Atom: a candidate's accession (steps and ratifications) and the statements that concern it.")
            .Produces(200, contentType: AtomType).ProducesProblem(400).ProducesProblem(404).RequirePermission(Permission.ReadPublic);
        feeds.MapGet("/actors/{id}", (ConcordDbContext db, HttpContext http, string id, int? limit, CancellationToken ct) =>
                Atom(http, Feeds.OfActor(db, id, http.Reader(), limit, ct)))
            .WithSummary("Atom: what an actor said and did — a person or body by id (jens-stoltenberg), a state or organisation by code (RUS).")
            .Produces(200, contentType: AtomType).ProducesProblem(400).ProducesProblem(404).RequirePermission(Permission.ReadPublic);
        return api;
    }

    private static async Task<IResult> Atom(HttpContext http, Task<Result<Feed>> reading)
    {
        var result = await reading;
        if (result.Refusal is { } refused) return Problems.From(refused);
        var xml = Write(result.Value!, BaseOf(http));
        // Private: what a feed holds depends on who reads it.
        http.Response.Headers.CacheControl = "private, no-cache";
        return Results.Bytes(xml, AtomType + "; charset=utf-8");
    }

    /// <summary>The feed as Atom 1.0, with absolute links under <paramref name="root"/>.</summary>
    public static byte[] Write(Feed feed, Uri root)
    {
        var syndication = new SyndicationFeed(feed.Title, "Concord: the record of a consensus alliance's decisions, accessions and assistance.",
            new Uri(root, feed.Href.TrimStart('/')), feed.Id, Offset(feed.Updated))
        {
            Generator = "Concord",
            Items = [.. feed.Entries.Select(e => Item(e, root))],
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            new Atom10FeedFormatter(syndication).WriteTo(writer);
        return stream.ToArray();
    }

    private static SyndicationItem Item(FeedEntry e, Uri root)
    {
        var item = new SyndicationItem(e.Title, e.Summary, new Uri(root, e.Href.TrimStart('/')), e.Id, Offset(e.Updated))
        {
            PublishDate = Offset(e.Updated),
            Summary = new TextSyndicationContent(e.Summary),
        };
        item.Categories.Add(new SyndicationCategory(e.Kind));
        if (e.Classification != "PUBLIC") item.Categories.Add(new SyndicationCategory(e.Classification, "urn:concord:classification", e.Classification));
        return item;
    }

    private static DateTimeOffset Offset(NodaTime.Instant at) => at.ToDateTimeOffset();

    /// <summary>Where the app is served, from the request (behind a proxy, forwarded headers set it).</summary>
    internal static Uri BaseOf(HttpContext http) => new($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
}
