using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.Access;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>A row of the decision list. For a reader not cleared for every position, the outcome is withheld and the blockers empty.</summary>
public sealed record DecisionSummary(string Id, string Subject, string Body, RuleKind Rule, string? Summit, Instant Opened,
    Instant? SilenceDeadline, Outcome Outcome, IReadOnlyList<string> Blocking, bool Concluded, int Version,
    string Classification = "PUBLIC", DecisionStatus Status = DecisionStatus.Open, bool PositionsShown = true, string? ReleasedOutcome = null);

/// <summary>
/// Which decisions to list: those due at one summit (or at any of several), only the open ones, only those under silence,
/// those after <see cref="After"/> in the list's order (newest opened first), at most <see cref="Limit"/> (null: all).
/// <see cref="SilenceRunningAt"/> keeps the open drafts whose silence deadline is still ahead at that instant, soonest
/// deadline first (no cursor then).
/// </summary>
public sealed record DecisionQuery(
    string? Summit = null,
    bool OpenOnly = false,
    Instant? SilenceRunningAt = null,
    DecisionCursor? After = null,
    int? Limit = null);

/// <summary>Where a page of the list ends: the last decision's opening instant and id. Opaque to clients.</summary>
public sealed record DecisionCursor(Instant Opened, string Id)
{
    public string Encode()
    {
        var text = Opened.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) + "|" + Id;
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads a cursor a previous page gave; null when <paramref name="text"/> is not one.</summary>
    public static DecisionCursor? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 400) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|', 2);
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)) return null;
            if (DecisionId.TryParse(parts[1]) is null) return null;
            var opened = Instant.FromUnixTimeTicks(ticks);
            return Input.IsInYears(opened) ? new DecisionCursor(opened, parts[1]) : null;
        }
        catch (FormatException) { return null; }
        catch (ArgumentOutOfRangeException) { return null; }
    }
}

/// <summary>A page of the list, and where the next one starts (null on the last page).</summary>
public sealed record DecisionPage(IReadOnlyList<DecisionView> Views, DecisionCursor? Next);

/// <summary>
/// The decisions the reader may see, from the read models, newest first. What the reader may see is a condition of the
/// query (and checked again on each row); only the rows of the page asked for are read and evaluated, so a page costs
/// the same however long the log. Outcomes are evaluated now, under each body's seats of today, and kept per version.
/// </summary>
public static class ListDecisions
{
    /// <summary>Rows of the list a page holds unless the caller asks for fewer or more.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most a page may hold.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Every decision the reader may see (optionally those due at one summit): for the command line and a summit's page.</summary>
    public static async Task<IReadOnlyList<DecisionSummary>> Handle(ConcordDbContext db, IClock clock, string? summit, Reader reader, CancellationToken ct) =>
        [.. (await Views(db, clock, new DecisionQuery(Summit: summit), reader, ct)).Views.Select(Summary)];

    /// <summary>A page of the list as rows.</summary>
    public static async Task<(IReadOnlyList<DecisionSummary> Rows, DecisionCursor? Next)> Page(ConcordDbContext db, IClock clock, DecisionQuery query, Reader reader, CancellationToken ct)
    {
        var page = await Views(db, clock, query, reader, ct);
        return ([.. page.Views.Select(Summary)], page.Next);
    }

    /// <summary>The decisions as whole views (each as the reader may see it), for pages that show more than a row.</summary>
    public static async Task<DecisionPage> Views(ConcordDbContext db, IClock clock, DecisionQuery query, Reader reader, CancellationToken ct)
    {
        var rows = new List<DecisionRow>();
        var after = query.After;
        // The query's condition lets through only what the reader may see, except that releasability ("REL UKR") is
        // matched as text there: the exact rule is applied to each row, and another batch read if it left the page short.
        while (true)
        {
            var wanted = query.Limit is { } limit ? limit - rows.Count + 1 : (int?)null;
            var filtered = Filtered(db, query, reader, after);
            var batch = await (wanted is { } n ? filtered.Take(n) : filtered).ToListAsync(ct);
            rows.AddRange(batch.Where(r => reader.CanSee(Classification.FromStored(r.Marking, r.ReleasableTo))));
            if (wanted is null || batch.Count < wanted || rows.Count > query.Limit || query.SilenceRunningAt is not null) break;
            after = new DecisionCursor(batch[^1].Opened, batch[^1].Id);
        }
        var more = query.Limit is { } max && rows.Count > max;
        if (more) rows.RemoveRange(query.Limit!.Value, rows.Count - query.Limit.Value);
        var now = clock.GetCurrentInstant();
        var views = await Evaluate(db, rows, reader, now, ct);
        // A redacted decision is listed as open, or as under silence, by what the reader may be told of it: whether silence
        // held (the decision concluded) or was broken (it stays open, or is re-issued under a new deadline) may be hidden.
        if (query.OpenOnly) views = [.. views.Where(v => v.Status == DecisionStatus.Open)];
        if (query.SilenceRunningAt is not null) views = [.. views.Where(v => v.PositionsShown)];
        return new DecisionPage(views, more && rows.Count > 0 && query.SilenceRunningAt is null ? new DecisionCursor(rows[^1].Opened, rows[^1].Id) : null);
    }

    /// <summary>How many decisions the query finds for the reader (its page and cursor aside).</summary>
    public static async Task<int> Count(ConcordDbContext db, DecisionQuery query, Reader reader, CancellationToken ct)
    {
        var filtered = Filtered(db, query with { After = null }, reader, null);
        if (IsExactInQuery(reader)) return await filtered.CountAsync(ct);
        var markings = await filtered.Select(d => new { d.Marking, d.ReleasableTo }).ToListAsync(ct);
        return markings.Count(m => reader.CanSee(Classification.FromStored(m.Marking, m.ReleasableTo)));
    }

    private static IQueryable<DecisionRow> Filtered(ConcordDbContext db, DecisionQuery query, Reader reader, DecisionCursor? after)
    {
        var rows = VisibleTo(db.Decisions.AsNoTracking(), reader);
        if (query.Summit is { } summit) rows = rows.Where(d => d.Summit == summit);
        if (query.OpenOnly) rows = rows.Where(d => !d.Concluded);
        if (query.SilenceRunningAt is { } at)
            return rows.Where(d => !d.Concluded && d.SilenceDeadline > at).OrderBy(d => d.SilenceDeadline).ThenBy(d => d.Id);
        if (after is { } c) rows = rows.Where(d => d.Opened < c.Opened || (d.Opened == c.Opened && string.Compare(d.Id, c.Id) > 0));
        return rows.OrderByDescending(d => d.Opened).ThenBy(d => d.Id);
    }

    /// <summary>
    /// <see cref="Reader.CanSee"/> as a query condition on a decision's own marking. Exact for every reader but one who is
    /// neither alliance staff nor a visitor, whose releasability is matched as text (and checked again in memory).
    /// </summary>
    public static IQueryable<DecisionRow> VisibleTo(IQueryable<DecisionRow> rows, Reader reader)
    {
        if (reader.IsAnonymous || reader.Roles.All(r => r == Role.Observer)) return rows.Where(d => d.Marking == Marking.Public);
        var clearance = reader.Clearance;
        if (reader.IsAllied) return rows.Where(d => d.Marking <= clearance);
        if (reader.Nationality is not { } nationality) return rows.Where(d => d.Marking == Marking.Public);
        var code = nationality.Value;
        return rows.Where(d => d.Marking == Marking.Public || (d.Marking <= clearance && d.ReleasableTo != null && d.ReleasableTo.Contains(code)));
    }

    private static bool IsExactInQuery(Reader reader) =>
        reader.IsAnonymous || reader.Roles.All(r => r == Role.Observer) || reader.IsAllied || reader.Nationality is null;

    private static async Task<IReadOnlyList<DecisionView>> Evaluate(ConcordDbContext db, IReadOnlyList<DecisionRow> rows, Reader reader, Instant now, CancellationToken ct)
    {
        var day = Zones.BrusselsDate(now);
        var bodies = new Dictionary<string, Body>(StringComparer.Ordinal);
        foreach (var code in rows.Select(r => r.Body).Distinct(StringComparer.Ordinal)) bodies[code] = await GetDecision.BodyOf(db, code, ct);
        var store = db.Database.GetConnectionString() ?? "";
        EvaluatedKey Key(CurrentDecision d) =>
            new(store, d.State.Id.Value, d.Version, d.State.Body, bodies[d.State.Body].Seats.Count, day, d.State.IsSilenceDeadlinePassed(now));
        // Positions are read only for the decisions whose evaluation is not kept already.
        var decisions = await CurrentDecisions.Load(db, rows, d => d.SightOf(reader) == DecisionSight.Full && !Evaluated.ContainsKey(Key(d)), ct);
        if (Evaluated.Count > MaxEvaluated) Evaluated.Clear();
        var views = new List<DecisionView>(decisions.Count);
        var redactedUnderSilence = decisions.Where(d => d.SightOf(reader) == DecisionSight.Redacted && d.State.IsUnderSilence).Select(d => d.State.Id.Value).ToList();
        var firstDeadlines = await SilenceStarts.Of(db, redactedUnderSilence, ct);
        foreach (var d in decisions)
        {
            var sight = d.SightOf(reader);
            if (sight == DecisionSight.Invisible) continue;
            views.Add(sight == DecisionSight.Full
                ? Evaluated.GetOrAdd(Key(d), _ => Visibility.View(Reader.System, d, bodies[d.State.Body], now)) with { AsOf = now }
                : Visibility.Redacted(d.State, now, d.Marking, firstDeadlines.TryGetValue(d.State.Id.Value, out var first) ? first : null));
        }
        return views;
    }

    /// <summary>
    /// Everything the evaluation of a decision reads: its state (the store and the stream's version: the log only grows,
    /// and a commit on any instance moves the version, so an entry is never used for a state it was not made from), the
    /// seats of its body on the day, and whether its silence deadline has passed. The whole view is kept; what a reader
    /// may see of it is decided on every read.
    /// </summary>
    private readonly record struct EvaluatedKey(string Store, string Id, int Version, string Body, int Seats, LocalDate Day, bool DeadlinePassed);

    /// <summary>Enough for the pages in use; a view holds every member's position, so the bound keeps memory in check.</summary>
    private const int MaxEvaluated = 4_000;

    private static readonly ConcurrentDictionary<EvaluatedKey, DecisionView> Evaluated = new();

    /// <summary>The row of the list for a view.</summary>
    public static DecisionSummary Summary(DecisionView v) => new(v.Id, v.Subject, v.Body, v.Rule, v.Summit, v.Opened, v.SilenceDeadline, v.Outcome,
        v.Blocking, v.Status != DecisionStatus.Open, v.Version, v.Classification, v.Status, v.PositionsShown, v.ReleasedOutcome);
}
