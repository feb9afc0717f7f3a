using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Concord.Web.Tests.Components.Pages;

/// <summary>A page as the server renders it for a visitor, parsed, so that a test reads its elements rather than its text.</summary>
public static class PageHtml
{
    public static async Task<IDocument> GetPage(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(html);
    }

    /// <summary>The links to registered sources under <paramref name="scope"/>, as (address, text, tooltip).</summary>
    public static List<(string Href, string Text, string Title)> SourceLinks(this IParentNode scope) =>
        [.. scope.QuerySelectorAll("a.source-link").Select(a => (a.GetAttribute("href")!, a.TextContent.Trim(), a.GetAttribute("title") ?? ""))];
}
