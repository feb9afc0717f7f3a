using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Concord.Features;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Concord.Web.Hosting;

/// <summary>
/// Writes with an <c>Idempotency-Key</c> header. The key belongs to the account that sends it (by the account's id, so
/// a new account under an old name never finds it) and to one request: the write's commit claims it with the request's
/// fingerprint in the same transaction as the events (<see cref="EventStore.Spent"/>), so of two requests racing under
/// one key exactly one is stored, and the other is answered as the same request or refused (422), never dropped. The
/// first answer is kept and given again byte for byte while the account's rights are unchanged (its security stamp) and
/// the answer is younger than <c>Concord:Idempotency:KeepAnswersHours</c> (default 24); otherwise the request runs
/// again, appends nothing, and answers with what it did as the account may see it now. The key stays spent.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";

    private const string KeyItem = "concord:idempotency-key";

    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var sent = http.Request.Headers[Header].FirstOrDefault();
        if (sent is null || HttpMethods.IsGet(http.Request.Method) || !http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }
        if (sent.Length is 0 or > 200) { await Refuse(http, 400, "The Idempotency-Key header must be 1 to 200 characters."); return; }
        var key = new RequestKey(Scoped(AccountOf(http.User), sent), await Fingerprint(http.Request));
        http.Items[KeyItem] = key;
        var db = http.RequestServices.GetRequiredService<ConcordDbContext>();
        var stored = await db.IdempotentResponses.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key.Value, http.RequestAborted);
        if (stored is null)
        {
            await RunAndKeep(http, next, db, key);
            return;
        }
        if (stored.Fingerprint != key.Fingerprint) { await Refuse(http, 422, "This Idempotency-Key was already used for a different request."); return; }
        http.Response.Headers["Idempotent-Replayed"] = "true";
        var now = http.RequestServices.GetRequiredService<IClock>().GetCurrentInstant();
        if (stored.Status != 0 && stored.Stamp is { } stamp && stamp == StampOf(http) && now - stored.Recorded < KeepAnswers(http))
        {
            await Replay(http, stored);
            return;
        }
        // The kept answer is not for this account as it is now (its rights changed since, or the answer is old): the
        // request runs again; its key is spent, so it appends nothing and answers with what it did, as seen now.
        await next(http);
    });

    /// <summary>The key of this request as a write carries it (the account's own, and the request's fingerprint), or null.</summary>
    public static RequestKey? KeyOf(HttpContext http) => http.Items.TryGetValue(KeyItem, out var key) ? key as RequestKey : null;

    /// <summary>
    /// The key as the account's own: a hash of the account's id and the key sent, the same for every retry, distinct for
    /// each account, and revealing neither to a reader of the log.
    /// </summary>
    public static string Scoped(string account, string key) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(account + "\n" + key)));

    /// <summary>The account's id (both the cookie and an access token carry it), or its name for a principal without one.</summary>
    private static string AccountOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id ? "id " + id : "name " + (user.Identity?.Name ?? "anonymous");

    /// <summary>The account's security stamp as the request's principal carries it (the cookie and an access token alike).</summary>
    private static string? StampOf(HttpContext http) =>
        http.User.FindFirstValue(http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType);

    private static Duration KeepAnswers(HttpContext http) =>
        Duration.FromHours(Math.Max(0, http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Concord:Idempotency:KeepAnswersHours", 24)));

    private static async Task RunAndKeep(HttpContext http, RequestDelegate next, ConcordDbContext db, RequestKey key)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try { await next(http); }
        finally { http.Response.Body = original; }
        if (http.Response.StatusCode is >= 200 and < 300)
        {
            // The commit claimed the key; the answer joins the claim. Under the write gate, so it waits its turn instead of
            // contending with this instance's writers for the store's write lock. No claim, no write: nothing to keep.
            var (status, type, body, location) = (http.Response.StatusCode, http.Response.ContentType ?? "application/json", buffer.ToArray(),
                http.Response.Headers.Location.FirstOrDefault());
            var stamp = StampOf(http);
            try
            {
                await EventStore.Serialized(() => db.IdempotentResponses
                    .Where(r => r.Key == key.Value && r.Fingerprint == key.Fingerprint && r.Status == 0)
                    .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, status).SetProperty(x => x.ContentType, type).SetProperty(x => x.Body, body)
                        .SetProperty(x => x.Location, location).SetProperty(x => x.Stamp, stamp), CancellationToken.None), CancellationToken.None);
            }
            catch (DbException) { /* the write stands; a retry runs again and answers with what it did */ }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task Replay(HttpContext http, IdempotentResponse stored)
    {
        http.Response.StatusCode = stored.Status;
        http.Response.ContentType = stored.ContentType;
        if (stored.Location is not null) http.Response.Headers.Location = stored.Location;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        await http.Response.Body.WriteAsync(stored.Body, http.RequestAborted);
    }

    private static async Task<string> Fingerprint(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) sha.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task Refuse(HttpContext http, int status, string detail)
    {
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = "Idempotency-Key refused.", Detail = detail, Extensions = { ["field"] = Header } },
        });
    }
}
