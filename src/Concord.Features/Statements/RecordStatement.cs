using Concord.Domain;
using Concord.Domain.Members;
using Concord.Domain.Statements;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Statements;

/// <summary>
/// A statement, visit, meeting, communiqué or vote as a writer gives it. <paramref name="Date"/> is a day; with
/// <paramref name="DateQualifier"/> onOrBefore (the day is an upper bound) or month (YYYY-MM). Actors: one entry per actor,
/// each "Name|Role|CODE" (CODE: ISO 3166-1 alpha-3, or NATO, EUU). Links: decision ids, candidates' codes, pledge ids.
/// </summary>
public sealed record StatementRequest(
    string? Id = null, string? Date = null, string? DateQualifier = null, string? Confidence = null, IReadOnlyList<ActorRequest>? Actors = null,
    string? Kind = null, string? Subject = null, string? Stance = null, string? Summary = null, string? Source = null,
    IReadOnlyList<string>? Decisions = null, IReadOnlyList<string>? Accessions = null, IReadOnlyList<string>? Pledges = null, string? Classification = null);

/// <summary>An actor as a writer gives it: a person's or body's name, their role, and the state or organisation they act for.</summary>
public sealed record ActorRequest(string? Name = null, string? Role = null, string? For = null);

/// <summary>
/// Records a statement (<see cref="StatementRecorded"/>) in its own stream. Whoever holds
/// <see cref="Permission.RecordStatement"/> records any actor's; a delegation only its own state's (every actor acting
/// for it). A decision it links to must exist and be visible to the writer (else it is refused as unknown, as a read would
/// answer); a pledge must exist; a candidate need not be followed yet: its statements attach when its accession is.
/// </summary>
public static class RecordStatement
{
    public const int MaxSummary = 2000;

    public static async Task<Result<StatementView>> Handle(ConcordDbContext db, IClock clock, StatementRequest request, WriteContext who, CancellationToken ct)
    {
        var built = await Build(db, clock, request, who.Actor, ct);
        if (built.Refusal is { } r) return r;
        var (statement, classification) = built.Value;
        var stored = await Store(db, clock, [(statement, classification)], who, restate: false, ct);
        if (stored.Refusal is { } sr) return sr;
        return await Answered.AfterCommit(async () =>
            (await ListStatements.One(db, clock, statement.Id, who.Actor, ct)) is { } view
                ? new Result<StatementView>(view, null)
                : new Result<StatementView>(null, ListStatements.Missing(statement.Id)), $"The statement {statement.Id}");
    }

    /// <summary>
    /// The statement a request describes, checked against the store (links, sources, the writer's scope); nothing is stored.
    /// A file passes the sources its rows cite, read once (<paramref name="book"/>), rather than one read per row.
    /// </summary>
    public static async Task<Result<(StatementRecorded Statement, Classification Classification)>> Build(
        ConcordDbContext db, IClock clock, StatementRequest r, Reader writer, CancellationToken ct, Sources.SourceBook? book = null)
    {
        if (!Access.Access.Allows(writer, Permission.RecordStatement))
            return Refusal.Forbidden("Only the secretariat, analysts and delegations (for their own state) record statements.");
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var when = When(r.Date, r.DateQualifier, today);
        if (when.Refusal is { } w) return w;
        var confidence = Input.Confidence(r.Confidence);
        if (confidence.Refusal is { } cf) return cf;
        var actors = Actors(r.Actors);
        if (actors.Refusal is { } ar) return ar;
        if (writer.Has(Role.Delegation) && !writer.Has(Role.Secretariat) && !writer.Has(Role.Analyst)
            && actors.Value!.Any(a => writer.Nationality?.Value != a.For))
            return Refusal.Forbidden($"A delegation records only its own state's statements ({writer.Nationality?.Value ?? "none"}).", "actors");
        var kind = Input.Enum<StatementKind>(r.Kind?.Replace('é', 'e').Replace('É', 'E'), "kind");
        if (kind.Refusal is { } k) return k;
        var subject = Subject(r.Subject);
        if (subject.Refusal is { } su) return su;
        var stance = Input.Enum<Stance>(r.Stance, "stance");
        if (stance.Refusal is { } st) return st;
        var summary = Input.Text(r.Summary, "summary", MaxSummary, required: true);
        if (summary.Refusal is { } sm) return sm;
        var source = Input.Source(r.Source, "source", 2000);
        if (source.Refusal is { } so) return so;
        if ((book ?? await Sources.SourceBook.For(db, [source.Value], ct)).Check(source.Value, "source") is { } uncited) return uncited;
        var marking = Decisions.DecisionMarkings.Parse(r.Classification, "classification");
        if (marking.Refusal is { } m) return m;
        var classification = marking.Value ?? Classification.Public;
        if (!writer.CanSee(classification)) return Refusal.Forbidden("A statement may not be marked above the writer's own clearance.", "classification");
        var links = await Links(db, r, writer, ct);
        if (links.Refusal is { } lr) return lr;
        var first = actors.Value![0];
        var id = r.Id is null ? $"{when.Value.Placed:yyyy-MM-dd}-{StatementActors.Slug(first.Name)}" : r.Id.Trim();
        if (!IsKey(id))
            return Refusal.Invalid("id", $"'id' must be letters, digits, '.', '_' or '-', starting with a letter or digit (at most 80); got '{Input.Clip(Input.Visible(id))}'.");
        return (new StatementRecorded(id, when.Value, confidence.Value is { } c ? ConfidenceWords.Read(c) : null, actors.Value!, kind.Value, subject.Value!,
            stance.Value, summary.Value!, source.Value, links.Value!), classification);
    }

    /// <summary>
    /// Stores statements, each in its stream, in one commit. A statement recorded word for word already adds nothing; another
    /// record under a recorded id is refused (409) unless <paramref name="restate"/> (a file stating it anew), when it is
    /// recorded as the latest.
    /// </summary>
    public static Task<Result<int>> Store(ConcordDbContext db, IClock clock, IReadOnlyList<(StatementRecorded Statement, Classification Classification)> statements,
        WriteContext who, bool restate, CancellationToken ct) =>
        EventStore.Serialized(async () =>
        {
            var writes = new List<StreamWrite>();
            var now = clock.GetCurrentInstant();
            foreach (var (statement, classification) in statements)
            {
                var rows = await new EventStore(db).ReadStream(StreamIds.Statement(statement.Id), ct);
                var held = rows.Select(EventStore.Deserialize).OfType<StatementRecorded>().LastOrDefault();
                if (held is not null && Same(held, statement) && rows[^1].Marking == classification.Marking) continue;
                if (held is not null && !restate)
                    return new Result<int>(0, Refusal.Conflict($"A statement '{statement.Id}' is already recorded with another record; record it under another id."));
                writes.Add(new StreamWrite(StreamIds.Statement(statement.Id), rows.Count, [new PendingEvent(statement, Zones.StartOf(statement.When.Placed), classification)]));
            }
            if (writes.Count == 0) return new Result<int>(0, null);
            await new EventStore(db).Commit(writes, new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
            return new Result<int>(writes.Count, null);
        }, ct);

    /// <summary>Records compare field by field: their lists are compared by content, not by reference.</summary>
    private static bool Same(StatementRecorded a, StatementRecorded b) =>
        a with { Actors = [], Links = StatementLinks.None } == b with { Actors = [], Links = StatementLinks.None }
        && a.Actors.SequenceEqual(b.Actors)
        && a.Links.Decisions.SequenceEqual(b.Links.Decisions) && a.Links.Accessions.SequenceEqual(b.Links.Accessions) && a.Links.Pledges.SequenceEqual(b.Links.Pledges);

    /// <summary>An id a stream and an address can carry as it is.</summary>
    public static bool IsKey(string id) =>
        id.Length is > 0 and <= 80 && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static Result<DateWindow> When(string? date, string? qualifier, LocalDate today)
    {
        var q = string.IsNullOrWhiteSpace(qualifier) ? "on" : qualifier.Trim();
        if (q.ToLowerInvariant() is not ("on" or "onorbefore" or "on-or-before" or "month"))
            return Refusal.Invalid("dateQualifier", $"'dateQualifier' must be on, onOrBefore or month; got '{Input.Clip(Input.Visible(q))}'.");
        if (q.Equals("month", StringComparison.OrdinalIgnoreCase))
        {
            if (date is null || date.Trim().Length != 7 || NodaTime.Text.YearMonthPattern.Iso.Parse(date.Trim()) is not { Success: true } month)
                return Refusal.Invalid("date", $"With dateQualifier month, 'date' is a month (YYYY-MM); got '{Input.Clip(Input.Visible(date ?? ""))}'.");
            var window = DateWindow.InMonth(month.Value);
            if (window.Earliest > today) return Refusal.Invalid("date", "'date' lies in the future: a statement is recorded once it was made.");
            return window;
        }
        var day = Input.PastDate(date, "date", today);
        if (day.Refusal is { } d) return d;
        return q.Equals("on", StringComparison.OrdinalIgnoreCase) ? DateWindow.On(day.Value) : DateWindow.OnOrBefore(day.Value);
    }

    private static Result<IReadOnlyList<StatementActor>> Actors(IReadOnlyList<ActorRequest>? given)
    {
        if (given is null || given.Count == 0) return Refusal.Invalid("actors", "'actors' is required: who acted, and for which state or organisation.");
        if (given.Count > 20) return Refusal.Invalid("actors", $"'actors' lists {given.Count}; at most 20 are accepted.");
        var actors = new List<StatementActor>();
        foreach (var a in given)
        {
            var name = Input.Name(a?.Name, "actors.name", 200, required: true);
            if (name.Refusal is { } n) return n;
            var role = Input.Name(a!.Role, "actors.role", 300);
            if (role.Refusal is { } ro) return ro;
            var code = (a.For ?? "").Trim().ToUpperInvariant();
            if (!StatementActors.Organisations.Contains(code) && (MemberCode.TryParse(code) is not { } state || !Nationalities.IsKnown(state)))
                return Refusal.Invalid("actors.for", $"'actors.for' must be a state's ISO 3166-1 alpha-3 code (RUS, UKR...) or an organisation ({string.Join(", ", StatementActors.Organisations.Order())}); got '{Input.Clip(Input.Visible(a.For ?? ""))}'.");
            actors.Add(new StatementActor(name.Value!, role.Value, code));
        }
        return actors;
    }

    private static Result<string?> Subject(string? text)
    {
        var subject = Input.Name(text, "subject", 100, required: true);
        if (subject.Refusal is { } r) return r;
        return subject.Value!.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? subject : Refusal.Invalid("subject", $"'subject' is a short key in lower case with dashes, e.g. ukraine-invitation; got '{Input.Clip(Input.Visible(subject.Value!))}'.");
    }

    private static async Task<Result<StatementLinks>> Links(ConcordDbContext db, StatementRequest r, Reader writer, CancellationToken ct)
    {
        var decisions = (r.Decisions ?? []).Select(d => (d ?? "").Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var candidates = new List<MemberCode>();
        foreach (var c in (r.Accessions ?? []).Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            var code = Input.Member(c, "accessions");
            if (code.Refusal is { } cr) return cr;
            if (!Nationalities.IsKnown(code.Value)) return Refusal.Invalid("accessions", $"'{code.Value}' is not a recognised state (ISO 3166-1 alpha-3).");
            if (!candidates.Contains(code.Value)) candidates.Add(code.Value);
        }
        var pledges = (r.Pledges ?? []).Select(p => (p ?? "").Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (decisions.Count + candidates.Count + pledges.Count > 50) return Refusal.Invalid("decisions", "A statement links to at most 50 decisions, accessions and pledges.");
        if (decisions.Count > 0)
        {
            var rows = await db.Decisions.AsNoTracking().Where(d => decisions.Contains(d.Id)).Select(d => new { d.Id, d.Marking, d.ReleasableTo }).ToListAsync(ct);
            // A decision the writer may not see is answered as one that does not exist: the refusal tells nothing of it.
            var missing = decisions.FirstOrDefault(d => rows.FirstOrDefault(x => x.Id == d) is not { } row || !writer.CanSee(Classification.FromStored(row.Marking, row.ReleasableTo)));
            if (missing is not null) return Refusal.Invalid("decisions", $"There is no decision '{Input.Clip(Input.Visible(missing))}'.");
        }
        if (pledges.Count > 0)
        {
            var known = await db.Pledges.AsNoTracking().Where(p => pledges.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
            if (pledges.FirstOrDefault(p => !known.Contains(p)) is { } missing) return Refusal.Invalid("pledges", $"There is no pledge '{Input.Clip(Input.Visible(missing))}'.");
        }
        return new StatementLinks(decisions, candidates, pledges);
    }
}
