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
    /// <param name="Population">As the body's data gives it (weighed only by rules that count population); null when not given.</param>
    public sealed record MemberView(string Code, string Name, string Body, LocalDate Since, LocalDate? Until, long? Population,
        bool Permanent, bool Eligible, string? Sources, string? Notes);

    public static RouteGroupBuilder MapMembersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/members").WithTags("Members");
        group.MapGet("/", List).WithSummary("The members of a body (default NATO) on the date asOf (default today); with include=all, every member it ever had, each marked eligible (seated that day) or not; knownOn=YYYY-MM-DD for what had happened and been published by that day (no later admission or departure, no source or note published later).")
            .ProducesProblem(StatusCodes.Status404NotFound).RequirePermission(Permission.ReadPublic);
        group.MapGet("/{code}", Get).WithSummary("One member.").RequirePermission(Permission.ReadPublic);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<MemberView>>, ProblemHttpResult>> List(
        ConcordDbContext db, IClock clock, string? body, string? asOf, string? include, string? knownOn, CancellationToken ct)
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
        LocalDate? known = null;
        if (knownOn is not null)
        {
            var parsed = Input.Date(knownOn, "knownOn");
            if (parsed.Refusal is { } r) return Problems.From(r);
            known = parsed.Value;
        }
        var code = (body ?? Body.Nato).ToUpperInvariant();
        var rows = await db.Members.AsNoTracking().Where(m => m.Body == code).ToListAsync(ct);
        if (rows.Count == 0) return Problems.From(Refusal.NotFound($"There is no body '{code}'."));
        if (known is { } day && day < Zones.BrusselsDate(clock.GetCurrentInstant())) rows = await AsKnownOn(db, code, rows, day, ct);
        // The members of a day are those seated on it; a member that joined later or had left is listed only when asked for.
        return TypedResults.Ok<IReadOnlyList<MemberView>>(rows.OrderBy(m => m.Since).ThenBy(m => m.Code, StringComparer.Ordinal)
            .Select(m => View(m, date)).Where(m => include == "all" || m.Eligible).ToList());
    }

    /// <summary>
    /// The members as known on <paramref name="day"/>: a seat is a public act, known from its own day, so a member that
    /// joined later is not yet one and a departure after the day is not yet known; a row's sources are those published by
    /// then, and its notes only when every source they cite was (docs/known-on.md).
    /// </summary>
    private static async Task<List<MemberRow>> AsKnownOn(ConcordDbContext db, string body, List<MemberRow> rows, LocalDate day, CancellationToken ct)
    {
        var lens = new Features.Sources.KnownOn(day, await Features.Sources.SourceBook.For(db, rows.Select(r => r.Sources), ct));
        var stream = Features.EventLog.StreamIds.Body(body);
        var recorded = await db.Events.AsNoTracking().Where(e => e.StreamId == stream).Select(e => e.Recorded).ToListAsync(ct);
        var entered = recorded.Count == 0 ? Instant.FromUtc(1900, 1, 1, 0, 0) : recorded.Max();
        return [.. rows.Where(r => r.Since <= day).Select(r => new MemberRow
        {
            Body = r.Body, Code = r.Code, Name = r.Name, Since = r.Since, Until = r.Until <= day ? r.Until : null,
            Population = r.Population, Permanent = r.Permanent,
            Sources = lens.Citation(r.Sources, entered),
            Notes = r.Notes is null || lens.KnowsAll(r.Sources, entered) ? r.Notes : null,
        })];
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
        // A population of 0 is how a member without one is stored: no state has none, so it is said as not given.
        new(m.Code, m.Name, m.Body, m.Since, m.Until, m.Population > 0 ? m.Population : null, m.Permanent, Bodies.SeatOf(m).IsEligibleOn(date),
            m.Sources, m.Notes);
}
