using Concord.Features.Access;
using Concord.Features.Search;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Web.Api;

/// <summary>/api/v1/search: words looked up across decisions, positions, accessions, statements, pledges and sources.</summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/search", Search).WithTags("Search")
            .WithSummary("What holds every word of q (at most 200 characters, 12 words; English stems: 'tanks' finds 'tank') among the decisions, positions' conditions and notes, accessions, statements, pledges and sources the reader may see, best first, each with its title and a snippet whose matched words are marked (hit: true); kind= keeps one kind, limit= 1 to 100 (20).")
            .RequirePermission(Permission.ReadPublic);
        return api;
    }

    private static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> Search(ConcordDbContext db, HttpContext http, string? q, string? kind, int? limit, CancellationToken ct) =>
        Problems.Answer(await SearchIndex.Handle(db, q, kind, limit, http.Reader(), ct));
}
