using Concord.Domain;
using Concord.Domain.Members;
using Concord.Domain.Statements;
using Concord.Features.Access;
using System.Text.Json;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Statements;

/// <summary>An actor as a reader sees it, with the id of its page (a person's or body's name as a slug).</summary>
public sealed record ActorView(string Id, string Name, string? Role, string For);

/// <summary>
/// A statement as a reader sees it: when (a day, or "on or before" a day, or a month; <see cref="Date"/> in words), how that
/// is known, who, what kind, toward which subject with which stance, the summary, its sources, and what it concerns (only
/// the decisions the reader may see).
/// </summary>
public sealed record StatementView(
    string Id, string Date, DateWindow When, string? Confidence, IReadOnlyList<ActorView> Actors, string Kind, string Subject, string Stance,
    string Summary, string? Source, IReadOnlyList<string> Decisions, IReadOnlyList<string> Accessions, IReadOnlyList<string> Pledges, string Classification);

/// <summary>Which statements to list; every filter is optional and they combine.</summary>
public sealed record StatementFilter(
    string? Actor = null, string? State = null, string? Stance = null, string? Kind = null, string? Decision = null, string? Accession = null,
    string? Pledge = null, LocalDate? AsOf = null, LocalDate? KnownOn = null);

/// <summary>
/// The statements a reader may see (the latest record of each, when its marking allows), in date order. As of a day: those certainly made by its end. Known
/// on a day: those known by then (a dated statement on its own day, one dated only by a bound when its sources came out),
/// each citing only the documents published by then.
/// </summary>
public static class ListStatements
{
    public static async Task<Result<IReadOnlyList<StatementView>>> Handle(ConcordDbContext db, IClock clock, StatementFilter filter, Reader reader, CancellationToken ct)
    {
        Stance? stance = null;
        if (filter.Stance is not null)
        {
            var parsed = Input.Enum<Stance>(filter.Stance, "stance");
            if (parsed.Refusal is { } r) return r;
            stance = parsed.Value;
        }
        StatementKind? kind = null;
        if (filter.Kind is not null)
        {
            var parsed = Input.Enum<StatementKind>(filter.Kind.Replace('é', 'e'), "kind");
            if (parsed.Refusal is { } r) return r;
            kind = parsed.Value;
        }
        string? state = null, accession = null;
        if (filter.State is not null)
        {
            state = filter.State.Trim().ToUpperInvariant();
            if (!Domain.Statements.StatementActors.Organisations.Contains(state) && MemberCode.TryParse(state) is null)
                return Refusal.Invalid("state", $"'state' must be an ISO 3166-1 alpha-3 code such as RUS, or NATO or EUU; got '{Input.Clip(Input.Visible(filter.State))}'.");
        }
        if (filter.Accession is not null)
        {
            var code = Input.Member(filter.Accession, "accession");
            if (code.Refusal is { } cr) return cr;
            accession = code.Value.Value;
        }
        var all = await Visible(db, clock, reader, filter.KnownOn, ct);
        var asOf = filter.AsOf;
        var actor = filter.Actor?.Trim().ToLowerInvariant();
        return new Result<IReadOnlyList<StatementView>>([.. all.Where(s =>
            (actor is null || s.Actors.Any(a => a.Id == actor))
            && (state is null || s.Actors.Any(a => a.For == state))
            && (stance is null || s.Stance == Words.Of(stance.Value))
            && (kind is null || s.Kind == Words.Of(kind.Value))
            && (filter.Decision is null || s.Decisions.Contains(filter.Decision.Trim()))
            && (accession is null || s.Accessions.Contains(accession))
            && (filter.Pledge is null || s.Pledges.Contains(filter.Pledge.Trim()))
            && (asOf is null || s.When.HappenedBy(asOf.Value)))], null);
    }

    /// <summary>The answer for a statement there is none of, or the reader may not see (the same answer: it tells nothing).</summary>
    public static Refusal Missing(string id) => Refusal.NotFound($"There is no statement '{Input.Clip(Input.Visible(id))}'.");

    /// <summary>One statement, as the reader may see it; null when there is none or the reader may not see it.</summary>
    public static async Task<StatementView?> One(ConcordDbContext db, IClock clock, string id, Reader reader, CancellationToken ct) =>
        (await Read(db, reader, [id], ct)).FirstOrDefault() is { } found
            ? Of(found.Statement, found.Classification, await VisibleDecisions(db, reader, ct)) : null;

    /// <summary>Every statement the reader may see, as known on <paramref name="knownOn"/> when given (and before today).</summary>
    public static async Task<IReadOnlyList<StatementView>> Visible(ConcordDbContext db, IClock clock, Reader reader, LocalDate? knownOn, CancellationToken ct)
    {
        var found = await Read(db, reader, null, ct);
        Sources.KnownOn? lens = null;
        if (knownOn is { } day && day < Zones.BrusselsDate(clock.GetCurrentInstant()))
        {
            lens = new Sources.KnownOn(day, await Sources.SourceBook.For(db, found.Select(f => f.Statement.Source), ct));
            // A past view reads the log for when each record was made: an undated source counts from then.
            var name = EventNames.NameOf<StatementRecorded>();
            var recorded = (await db.Events.AsNoTracking().Where(e => e.Name == name && e.StreamId.StartsWith(StreamIds.StatementPrefix))
                    .OrderBy(e => e.Position).Select(e => new { e.StreamId, e.Recorded }).ToListAsync(ct))
                .GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => g.Last().Recorded, StringComparer.Ordinal);
            found = [.. found.Select(f => f with { Recorded = recorded.GetValueOrDefault(StreamIds.Statement(f.Statement.Id), f.Recorded) })];
        }
        var decisions = await VisibleDecisions(db, reader, ct);
        var views = new List<StatementView>();
        foreach (var f in found)
        {
            if (lens is not null && !lens.Knows(f.Statement.When, f.Statement.Confidence is { } c ? Words.Of(c) : null, f.Statement.Source, f.Recorded)) continue;
            var statement = lens is null ? f.Statement : f.Statement with { Source = lens.Citation(f.Statement.Source, f.Recorded) };
            views.Add(Of(statement, f.Classification, decisions));
        }
        return [.. views.OrderBy(v => v.When.Placed).ThenBy(v => v.Id, StringComparer.Ordinal)];
    }

    /// <summary>A statement as read; <see cref="Recorded"/> is read from the log only for a view known on a past day.</summary>
    private sealed record Found(StatementRecorded Statement, Classification Classification, Instant Recorded);

    /// <summary>The latest record of each statement, from the read model, when the reader may see it.</summary>
    private static async Task<List<Found>> Read(ConcordDbContext db, Reader reader, IReadOnlyList<string>? ids, CancellationToken ct)
    {
        var query = db.Statements.AsNoTracking();
        if (ids is not null) query = query.Where(s => ids.Contains(s.Id));
        return [.. (await query.ToListAsync(ct)).Select(r => (Row: r, Classification: Classification.FromStored(r.Marking, r.ReleasableTo)))
            .Where(x => reader.CanSee(x.Classification))
            .Select(x => new Found(JsonSerializer.Deserialize<StatementRecorded>(x.Row.Statement, ConcordJson.Options)
                ?? throw new InvalidOperationException($"Statement {x.Row.Id} has no record."), x.Classification, Instant.MaxValue))];
    }

    private static async Task<HashSet<string>> VisibleDecisions(ConcordDbContext db, Reader reader, CancellationToken ct) =>
        [.. (await db.Decisions.AsNoTracking().Select(d => new { d.Id, d.Marking, d.ReleasableTo }).ToListAsync(ct))
            .Where(d => reader.CanSee(Classification.FromStored(d.Marking, d.ReleasableTo))).Select(d => d.Id)];

    private static StatementView Of(StatementRecorded s, Classification classification, IReadOnlySet<string> visibleDecisions) =>
        new(s.Id, s.When.ToString(), s.When, s.Confidence is { } c ? Words.Of(c) : null,
            [.. s.Actors.Select(a => new ActorView(StatementActors.Slug(a.Name), a.Name, a.Role, a.For))], Words.Of(s.Kind), s.Subject, Words.Of(s.Stance),
            s.Summary, s.Source, [.. s.Links.Decisions.Where(visibleDecisions.Contains)], [.. s.Links.Accessions.Select(a => a.Value)], s.Links.Pledges,
            classification.ToString());
}
