using Concord.Domain;
using Concord.Features;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Api;

/// <summary>Turns refusals into ProblemDetails with the status their kind implies and the field at fault.</summary>
public static class Problems
{
    public static ProblemHttpResult From(Refusal refusal)
    {
        var (status, title) = refusal.Kind switch
        {
            RefusalKind.Invalid => (StatusCodes.Status400BadRequest, "The request is not valid."),
            RefusalKind.NotFound => (StatusCodes.Status404NotFound, "Not found."),
            RefusalKind.Unprocessable => (StatusCodes.Status422UnprocessableEntity, "The request breaks a rule of the alliance."),
            RefusalKind.Forbidden => (StatusCodes.Status403Forbidden, "Not allowed for this account."),
            RefusalKind.Recorded => (StatusCodes.Status202Accepted, "Recorded; its view could not be shown."),
            _ => (StatusCodes.Status409Conflict, "The request conflicts with the current state."),
        };
        var problem = new ProblemDetails { Status = status, Title = title, Detail = refusal.Reason };
        if (refusal.Field is { } field) problem.Extensions["field"] = field;
        return TypedResults.Problem(problem);
    }

    /// <summary>The common answer of a write or read that yields a decision view, or a refusal.</summary>
    public static Results<Ok<T>, ProblemHttpResult> Answer<T>(Result<T> result) =>
        result.Refusal is { } refusal ? From(refusal) : TypedResults.Ok(result.Value!);

    /// <summary>The write of this request: by its account (the log records it), under the account's own idempotency key.</summary>
    public static WriteContext Writer(HttpContext http) => WriteContext.By(http.Reader(), Idempotency.KeyOf(http));
}
