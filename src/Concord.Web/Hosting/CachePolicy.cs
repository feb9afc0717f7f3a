using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Concord.Web.Hosting;

/// <summary>
/// What caches may keep. A request that carries credentials (a token or the sign-in cookie) may be answered with what
/// only that account may read: nothing of it is stored anywhere (<c>Cache-Control: no-store</c>), pages included; only
/// files that name their own caching (the static assets) keep it. A visitor's API read is PUBLIC by construction (a
/// visitor reads nothing else): it may be kept but is revalidated (<c>no-cache</c>), with an ETag over its body and 304
/// to <c>If-None-Match</c>. Such answers vary by the credentials a request carries, so a shared cache never hands a
/// visitor's answer to an account or the reverse.
/// </summary>
public static class CachePolicy
{
    /// <summary>The largest visitor's API answer given an ETag; a longer one (a large export) streams through without.</summary>
    public const int MaxTaggedBytes = 1024 * 1024;

    public static IApplicationBuilder UseCachePolicy(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var api = RateLimits.IsApiPath(http.Request.Path);
        if (Authentication.CarriesCredentials(http))
        {
            http.Response.OnStarting(() =>
            {
                if (api || string.IsNullOrEmpty(http.Response.Headers.CacheControl)) NoStore(http.Response);
                return Task.CompletedTask;
            });
            await next(http);
            return;
        }
        if (!api || !HttpMethods.IsGet(http.Request.Method))
        {
            await next(http);
            return;
        }
        await Tagged(http, next);
    });

    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    /// <summary>A visitor's API read: its body is held back (up to <see cref="MaxTaggedBytes"/>) to name it by its hash.</summary>
    private static async Task Tagged(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(() =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers.Append(HeaderNames.Vary, "Authorization, Cookie");
            return Task.CompletedTask;
        });
        var original = http.Response.Body;
        await using var held = new HeldBody(original, MaxTaggedBytes);
        http.Response.Body = held;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        if (held.PassedThrough) return;
        var body = held.Held;
        if (http.Response.StatusCode == StatusCodes.Status200OK && string.IsNullOrEmpty(http.Response.Headers.ETag))
        {
            var tag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body.Span)[..16]) + "\"";
            http.Response.Headers.ETag = tag;
            if (Matches(http.Request, tag))
            {
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                http.Response.ContentLength = null;
                http.Response.Headers.ContentType = default;
                return;
            }
        }
        if (body.Length > 0) await original.WriteAsync(body, http.RequestAborted);
    }

    private static bool Matches(HttpRequest request, string tag) =>
        request.Headers.IfNoneMatch.Any(value => value is not null
            && value.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == tag || t == "W/" + tag));

    /// <summary>A response body kept in memory up to a size, then written through (what was held first).</summary>
    internal sealed class HeldBody(Stream inner, int limit) : Stream
    {
        private readonly MemoryStream _held = new();

        public bool PassedThrough { get; private set; }

        public ReadOnlyMemory<byte> Held => _held.GetBuffer().AsMemory(0, (int)_held.Length);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            if (!PassedThrough && _held.Length + buffer.Length <= limit)
            {
                _held.Write(buffer.Span);
                return;
            }
            if (!PassedThrough)
            {
                PassedThrough = true;
                await inner.WriteAsync(Held, ct);
            }
            await inner.WriteAsync(buffer, ct);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken ct) => PassedThrough ? inner.FlushAsync(ct) : Task.CompletedTask;

        public override void Flush()
        {
            if (PassedThrough) inner.Flush();
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _held.Dispose();
            base.Dispose(disposing);
        }
    }
}
