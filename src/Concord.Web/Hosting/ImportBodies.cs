using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Concord.Web.Hosting;

/// <summary>
/// What an import endpoint accepts as its body, checked before the importer reads it: the file's own media type (415
/// otherwise, so a foreign page cannot post one as a "simple" text/plain request), and a body that holds a file: not
/// empty, text, and for CSV a header line and at least one row (400 naming the body). Without it an empty or unrelated
/// body read as a file with no rows and answered 200.
/// </summary>
public static class ImportBodies
{
    public const string Csv = "text/csv";
    public const string Xml = "application/xml";

    /// <summary>Media types read as the same format as the one named.</summary>
    private static readonly Dictionary<string, string[]> Alike = new(StringComparer.OrdinalIgnoreCase)
    {
        [Csv] = [Csv, "application/csv"],
        [Xml] = [Xml, "text/xml"],
    };

    /// <summary>The endpoint takes a file of <paramref name="mediaType"/> (<see cref="Csv"/> or <see cref="Xml"/>) as its body.</summary>
    public static RouteHandlerBuilder AcceptsFile(this RouteHandlerBuilder builder, string mediaType) =>
        builder.WithMetadata(new FileBody(Alike[mediaType])).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!Accepted(http.Request.ContentType, mediaType))
                return Refuse(StatusCodes.Status415UnsupportedMediaType, "The body is not in the import's format.",
                    $"Send the file as the body with Content-Type: {mediaType} (this request said {Said(http.Request.ContentType)}).", "Content-Type");
            http.Request.EnableBuffering();
            var text = await new StreamReader(http.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync(http.RequestAborted);
            http.Request.Body.Position = 0;
            if (Unfit(text, mediaType) is { } reason)
                return Refuse(StatusCodes.Status400BadRequest, "The file was not loaded.", reason, "body");
            return await next(context);
        });

    public static bool Accepted(string? contentType, string mediaType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var given) && given.MediaType.Value is { } type
        && Alike[mediaType].Contains(type, StringComparer.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="text"/> is not a file of <paramref name="mediaType"/>, or null when it may be one.</summary>
    public static string? Unfit(string text, string mediaType)
    {
        if (string.IsNullOrWhiteSpace(text)) return "The body is empty: send the file as the body.";
        if (text.Contains('\0', StringComparison.Ordinal)) return "The body is not text: it holds NUL characters.";
        if (mediaType == Csv && text.Split('\n').Count(line => !string.IsNullOrWhiteSpace(line)) < 2)
            return "The body has no rows: a CSV file with a header line and at least one row is expected.";
        return null;
    }

    private static string Said(string? contentType) =>
        string.IsNullOrWhiteSpace(contentType) ? "no Content-Type" : SameOrigin.Shown(contentType);

    private static IResult Refuse(int status, string title, string detail, string field)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["field"] = field;
        return TypedResults.Problem(problem);
    }
}
