using System.Net;
using System.Text.RegularExpressions;

namespace Concord.Web.Tests.Hosting;

/// <summary>Signs in through the real sign-in page over HTTP: GET the form (antiforgery cookie and token), POST it back.</summary>
internal static partial class SignInForm
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts the sign-in form with these credentials; the client must keep cookies and not follow redirects.</summary>
    public static async Task<HttpResponseMessage> SignIn(this HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var path = "/account/signin" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        using var form = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync(Ct);
        var fields = Hidden().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields[NameOf(html, "signin-username")] = userName;
        fields[NameOf(html, "signin-password")] = password;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields), Ct);
    }

    /// <summary>The words the page shows for a refused sign-in, or null.</summary>
    public static async Task<string?> Error(this HttpResponseMessage response)
    {
        var match = ErrorText().Match(await response.Content.ReadAsStringAsync(Ct));
        return match.Success ? WebUtility.HtmlDecode(match.Groups["text"].Value).Trim() : null;
    }

    private static string NameOf(string html, string id) =>
        Regex.Match(html, $"<input[^>]*id=\"{id}\"[^>]*>") is { Success: true } input && Regex.Match(input.Value, "name=\"(?<n>[^\"]+)\"") is { Success: true } name
            ? WebUtility.HtmlDecode(name.Groups["n"].Value)
            : throw new InvalidOperationException($"The sign-in page has no input #{id} with a name: {html}");

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Hidden();

    [GeneratedRegex("<p[^>]*data-testid=\"signin-error\"[^>]*>(?<text>[^<]*)</p>")]
    private static partial Regex ErrorText();
}
