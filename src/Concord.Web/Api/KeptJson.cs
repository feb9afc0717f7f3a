using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Concord.Web.Api;

/// <summary>
/// The JSON of a view the features keep between reads (the same object for every reader who may see it alike),
/// serialized once per object with the API's own options, with a strong ETag; a request naming that ETag in
/// If-None-Match gets 304. The bytes live as long as the view does.
/// </summary>
public sealed class KeptJson<T> : IResult where T : class
{
    private sealed record Serialized(byte[] Bytes, string ETag);

    private static readonly ConditionalWeakTable<T, Serialized> Cache = new();

    private readonly T _value;

    public KeptJson(T value) => _value = value;

    public async Task ExecuteAsync(HttpContext http)
    {
        var serialized = Cache.GetValue(_value, v =>
        {
            var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var bytes = JsonSerializer.SerializeToUtf8Bytes(v, options);
            return new Serialized(bytes, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"");
        });
        http.Response.Headers.ETag = serialized.ETag;
        if (http.Request.Headers.IfNoneMatch.Any(tag => tag is not null && tag.Split(',').Any(t => t.Trim() == serialized.ETag || t.Trim() == "*")))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = serialized.Bytes.Length;
        await http.Response.Body.WriteAsync(serialized.Bytes, http.RequestAborted);
    }
}
