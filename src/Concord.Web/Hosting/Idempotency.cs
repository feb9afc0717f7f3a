using System.Security.Cryptography;
using System.Text;
using Concord.Features.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Web.Hosting;

/// <summary>
/// Writes with an <c>Idempotency-Key</c> header: the first successful response is kept and given again, byte for
/// byte, for the same key and request; the same key with a different request is refused (422). The key also
/// travels with the events, so even a retry racing the first request appends nothing twice. Keys belong to the account
/// that sends them (<see cref="Scoped"/>): one account's key never finds, nor replays, another account's response.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";

    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var key = http.Request.Headers[Header].FirstOrDefault();
        if (key is null || HttpMethods.IsGet(http.Request.Method) || !http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }
        if (key.Length is 0 or > 200) { await Refuse(http, 400, "The Idempotency-Key header must be 1 to 200 characters."); return; }
        key = Scoped(http.Reader().Actor, key);
        var db = http.RequestServices.GetRequiredService<ConcordDbContext>();
        var fingerprint = await Fingerprint(http.Request);
        var stored = await db.IdempotentResponses.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, http.RequestAborted);
        if (stored is not null)
        {
            if (stored.Fingerprint != fingerprint) { await Refuse(http, 422, "This Idempotency-Key was already used for a different request."); return; }
            await Replay(http, stored);
            return;
        }
        await RunAndKeep(http, next, db, key, fingerprint);
    });

    /// <summary>The key of this request as stored (responses and events): the account's own, or null without the header.</summary>
    public static string? KeyOf(HttpContext http) =>
        http.Request.Headers[Header].FirstOrDefault() is { Length: > 0 } key ? Scoped(http.Reader().Actor, key) : null;

    /// <summary>
    /// "account:key", or, when that would not fit the 200 characters a stored key may have, "sha256:" and the hash of
    /// both: deterministic, and distinct for each account.
    /// </summary>
    public static string Scoped(string account, string key)
    {
        var scoped = account + ":" + key;
        return scoped.Length <= 200
            ? scoped
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(account + "\n" + key)));
    }

    private static async Task RunAndKeep(HttpContext http, RequestDelegate next, ConcordDbContext db, string key, string fingerprint)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try { await next(http); }
        finally { http.Response.Body = original; }
        if (http.Response.StatusCode is >= 200 and < 300)
        {
            db.ChangeTracker.Clear();
            db.IdempotentResponses.Add(new IdempotentResponse
            {
                Key = key, Fingerprint = fingerprint, Status = http.Response.StatusCode, ContentType = http.Response.ContentType ?? "application/json",
                Body = buffer.ToArray(), Location = http.Response.Headers.Location.FirstOrDefault(),
                Recorded = http.RequestServices.GetRequiredService<IClock>().GetCurrentInstant(),
            });
            try { await db.SaveChangesAsync(http.RequestAborted); }
            catch (DbUpdateException) { /* a concurrent retry kept it first; its events carry the key, so nothing doubled */ }
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
