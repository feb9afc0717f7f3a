using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Hosting;

/// <summary>Refuses request bodies over 64 KiB with a 400 before anything reads them.</summary>
public static class BodyLimit
{
    public const long MaxBytes = 64 * 1024;

    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = MaxBytes;
        if (http.Request.ContentLength > MaxBytes)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = 400, Title = "The request is not valid.",
                    Detail = $"The request body is {http.Request.ContentLength} bytes; at most {MaxBytes / 1024} KiB are accepted.",
                    Extensions = { ["field"] = "body" },
                },
            });
            return;
        }
        await next(http);
    });
}
