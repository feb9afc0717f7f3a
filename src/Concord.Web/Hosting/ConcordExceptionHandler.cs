using System.Text.Json;
using System.Text.RegularExpressions;
using Concord.Features.EventLog;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Hosting;

/// <summary>
/// Maps what escapes a handler to ProblemDetails: unreadable requests to 400 naming the field, a stale version to
/// 409, a store that refuses writes (read-only, full, unreachable) to 503. Anything else is a bug: 500 without
/// internals, and logged.
/// </summary>
public sealed class ConcordExceptionHandler(IProblemDetailsService problems, ILogger<ConcordExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => Bad(Describe(json), FieldOf(json) ?? "body"),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Bad($"The request body is larger than {BodyLimit.MaxBytes / 1024} KiB.", "body"),
            BadHttpRequestException bad => Bad(Words(bad), ParameterOf(bad)),
            KeySpentException spent => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity, Title = "Idempotency-Key refused.", Detail = spent.Message, Extensions = { ["field"] = Idempotency.Header },
            },
            ConcurrencyException c => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Someone else changed this first.", Detail = c.Message },
            StoreWriteException { ReadOnly: true } => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "The store is read-only.", Detail = "Nothing was stored. This server's store accepts no writes until an operator makes it writable." },
            StoreWriteException => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "The store did not accept the write.", Detail = "Nothing was stored. Try again later; the error was logged." },
            _ => null,
        };
        // A read-only store is the operator's known state: one line a refused write, not an error with its SQL.
        if (exception is StoreWriteException { ReadOnly: true }) log.LogWarning("A write on {Path} was refused: the store is read-only", http.Request.Path);
        else if (exception is StoreWriteException) log.LogError(exception, "The store refused a write on {Path}", http.Request.Path);
        // Expected under contention and answered 409: one line, without the exception and its SQL.
        if (exception is ConcurrencyException conflict)
            log.LogInformation("A write on {Path} conflicted on stream {Stream}: answered 409", http.Request.Path, conflict.StreamId);
        if (problem is null)
        {
            log.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
            problem = new ProblemDetails { Status = 500, Title = "Concord failed to handle this request.", Detail = "The error was logged; nothing was changed." };
        }
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Bad(string detail, string? field)
    {
        var p = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "The request is not valid.", Detail = detail };
        if (field is not null) p.Extensions["field"] = field;
        return p;
    }

    // Minimal APIs report a query or route value that does not convert as: Failed to bind parameter "Nullable<int> limit" from "many".
    private static readonly Regex BindFailure = new(@"^Failed to bind parameter ""[^""]* (?<name>[^"" ]+)"" from ", RegexOptions.CultureInvariant);

    // A missing required value: Required parameter "string candidate" was not provided from route.
    private static readonly Regex MissingValue = new(@"^Required parameter ""[^""]* (?<name>[^"" ]+)"" was not provided", RegexOptions.CultureInvariant);

    // ASP.NET Core's words for a missing body speak to the endpoint's author ("Did you mean to use a Service instead?").
    private static string Words(BadHttpRequestException bad) => ParameterOf(bad) == "body" && !bad.Message.Contains("JSON", StringComparison.Ordinal)
        ? "The request needs a JSON object as its body; none was sent."
        : bad.Message;

    /// <summary>
    /// The field a request that could not be bound got wrong: the parameter named in the message, the Content-Type when
    /// the body is not JSON ("Expected a supported JSON media type"), else the body itself (none, or empty).
    /// </summary>
    private static string ParameterOf(BadHttpRequestException bad) =>
        BindFailure.Match(bad.Message) is { Success: true } m ? m.Groups["name"].Value
        : MissingValue.Match(bad.Message) is { Success: true } missing && !bad.Message.EndsWith("from body.", StringComparison.Ordinal) ? missing.Groups["name"].Value
        : bad.Message.StartsWith("Expected a supported JSON media type", StringComparison.Ordinal) ? "Content-Type"
        : "body";

    private static string? FieldOf(JsonException json) => json.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;

    private static string Describe(JsonException json) => FieldOf(json) is { } field
        ? json.Message.StartsWith("Duplicate propert", StringComparison.OrdinalIgnoreCase)
            ? $"The field '{field}' is given more than once (line {json.LineNumber + 1}); give it once."
            : $"The field '{field}' has a value of the wrong type or is malformed (line {json.LineNumber + 1}). Dates, kinds and codes are sent as strings."
        : $"The body is not a valid JSON object (line {json.LineNumber + 1}, position {json.BytePositionInLine}).";
}
