using Concord.Features.Access;
using Concord.Web.Hosting;
using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features;
using Concord.Features.Members;
using Concord.Features.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Web.Api;

/// <summary>/api/v1/members: the seats of a body, date-effective.</summary>
public static class MembersApi
{
    public sealed record MemberView(string Code, string Name, string Body, LocalDate Since, LocalDate? Until, long Population,
        bool Permanent, bool Eligible, string? Sources, string? Notes);

    public static RouteGroupBuilder MapMembersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/members").WithTags("Members");
        group.MapGet("/", List).WithSummary("The members of a body (default NATO) on the date asOf (default today); with include=all, every member it ever had, each marked eligible (seated that day) or not.")
            .ProducesProblem(StatusCodes.Status404NotFound).RequirePermission(Permission.ReadPublic);
        group.MapGet("/{code}", Get).WithSummary("One member.").RequirePermission(Permission.ReadPublic);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<MemberView>>, ProblemHttpResult>> List(
        ConcordDbContext db, IClock clock, string? body, string? asOf, string? include, CancellationToken ct)
    {
        if (include is not (null or "all"))
            return Problems.From(Refusal.Invalid("include", $"'include' is 'all' (every member the body ever had, each marked eligible on asOf or not) or absent (the members of that day); got '{include}'."));
        var date = Zones.BrusselsDate(clock.GetCurrentInstant());
        if (asOf is not null)
        {
            var parsed = Input.Date(asOf, "asOf");
            if (parsed.Refusal is { } r) return Problems.From(r);
            date = parsed.Value;
        }
        var code = (body ?? Body.Nato).ToUpperInvariant();
        var rows = await db.Members.AsNoTracking().Where(m => m.Body == code).ToListAsync(ct);
        if (rows.Count == 0) return Problems.From(Refusal.NotFound($"There is no body '{code}'."));
        // The members of a day are those seated on it; a member that joined later or had left is listed only when asked for.
        return TypedResults.Ok<IReadOnlyList<MemberView>>(rows.OrderBy(m => m.Since).ThenBy(m => m.Code, StringComparer.Ordinal)
            .Select(m => View(m, date)).Where(m => include == "all" || m.Eligible).ToList());
    }

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> Get(ConcordDbContext db, IClock clock, string code, string? body, CancellationToken ct)
    {
        var member = Input.Member(code, "code");
        if (member.Refusal is not null) return Problems.From(Refusal.NotFound($"There is no member '{code}': codes are ISO 3166-1 alpha-3, e.g. TUR."));
        var bodyCode = (body ?? Body.Nato).ToUpperInvariant();
        var row = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Body == bodyCode && m.Code == member.Value.Value, ct);
        return row is null
            ? Problems.From(Refusal.NotFound($"{member.Value} is not a member of {bodyCode}."))
            : TypedResults.Ok(View(row, Zones.BrusselsDate(clock.GetCurrentInstant())));
    }

    private static MemberView View(MemberRow m, LocalDate date) =>
        new(m.Code, m.Name, m.Body, m.Since, m.Until, m.Population, m.Permanent, Bodies.SeatOf(m).IsEligibleOn(date),
            m.Sources, m.Notes);
}
