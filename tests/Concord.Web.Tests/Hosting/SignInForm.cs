using Concord.Tests;
using System.Net;
using System.Text.RegularExpressions;

namespace Concord.Web.Tests.Hosting;

/// <summary>
/// Signs in through the real sign-in page over HTTP: GET the form (antiforgery cookie and token), POST it back, and when
/// the page then asks for an authenticator code, POST the test accounts' code (<see cref="TestAccounts.AuthenticatorKey"/>).
/// </summary>
internal static partial class SignInForm
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Signs in with these credentials, giving the authenticator code when asked; returns the last response (a redirect
    /// once signed in). The client must keep cookies and not follow redirects.
    /// </summary>
    public static async Task<HttpResponseMessage> SignIn(this HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var response = await client.SignInWithPassword(userName, password, returnUrl);
        if (!await response.AsksForCode()) return response;
        using (response) return await client.SubmitCode(response, Totp.Code(TestAccounts.AuthenticatorKey), returnUrl);
    }

    /// <summary>Only the first step: posts the user name and password.</summary>
    public static async Task<HttpResponseMessage> SignInWithPassword(this HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var path = PathOf(returnUrl);
        using var form = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        return await client.Post(path, await form.Content.ReadAsStringAsync(Ct), new() { ["signin-username"] = userName, ["signin-password"] = password });
    }

    /// <summary>True when the page answered with the authenticator code step.</summary>
    public static async Task<bool> AsksForCode(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync(Ct)).Contains("id=\"signin-code\"", StringComparison.Ordinal);

    /// <summary>True when the page answered with the step that sets up an authenticator.</summary>
    public static async Task<bool> AsksForEnrolment(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync(Ct)).Contains("id=\"signin-enrol-code\"", StringComparison.Ordinal);

    /// <summary>Posts <paramref name="code"/> in the code step <paramref name="page"/> showed.</summary>
    public static async Task<HttpResponseMessage> SubmitCode(this HttpClient client, HttpResponseMessage page, string code, string? returnUrl = null) =>
        await client.Post(PathOf(returnUrl), await page.Content.ReadAsStringAsync(Ct), new() { ["signin-code"] = code });

    /// <summary>Posts <paramref name="code"/> in the set-up step <paramref name="page"/> showed.</summary>
    public static async Task<HttpResponseMessage> SubmitEnrolment(this HttpClient client, HttpResponseMessage page, string code, string? returnUrl = null) =>
        await client.Post(PathOf(returnUrl), await page.Content.ReadAsStringAsync(Ct), new() { ["signin-enrol-code"] = code });

    /// <summary>The authenticator key the set-up step shows (Base32, as typed into an app).</summary>
    public static async Task<string> AuthenticatorKey(this HttpResponseMessage page) =>
        WebUtility.HtmlDecode(KeyText().Match(await page.Content.ReadAsStringAsync(Ct)).Groups["key"].Value).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The words the page shows for a refused sign-in, or null.</summary>
    public static async Task<string?> Error(this HttpResponseMessage response)
    {
        var match = ErrorText().Match(await response.Content.ReadAsStringAsync(Ct));
        return match.Success ? WebUtility.HtmlDecode(match.Groups["text"].Value).Trim() : null;
    }

    private static string PathOf(string? returnUrl) => "/account/signin" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

    /// <summary>Posts the one form <paramref name="html"/> holds: its hidden fields (antiforgery token, form name) and these inputs, by id.</summary>
    private static async Task<HttpResponseMessage> Post(this HttpClient client, string path, string html, Dictionary<string, string> inputs)
    {
        var fields = Hidden().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (id, value) in inputs) fields[NameOf(html, id)] = value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields), Ct);
    }

    private static string NameOf(string html, string id) =>
        Regex.Match(html, $"<input[^>]*id=\"{id}\"[^>]*>") is { Success: true } input && Regex.Match(input.Value, "name=\"(?<n>[^\"]+)\"") is { Success: true } name
            ? WebUtility.HtmlDecode(name.Groups["n"].Value)
            : throw new InvalidOperationException($"The sign-in page has no input #{id} with a name: {html}");

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Hidden();

    [GeneratedRegex("<p[^>]*data-testid=\"signin-error\"[^>]*>(?<text>[^<]*)</p>")]
    private static partial Regex ErrorText();

    [GeneratedRegex("<code[^>]*data-testid=\"authenticator-key\"[^>]*>(?<key>[^<]*)</code>")]
    private static partial Regex KeyText();
}
