using Concord.Domain;
using Concord.Domain.Sources;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Sources;

/// <summary>A source as users send it (API, CLI, CSV): every field as text; <see cref="RegisterSources.Build"/> checks it.</summary>
public sealed record SourceRequest(
    string? Id = null, string? AliasOf = null, string? Kind = null, string? Publisher = null, string? Title = null, string? Published = null,
    string? Url = null, string? Language = null, string? ArchivedUrl = null);

/// <summary>
/// Registers sources, each in its own stream, in one commit. A source already registered with the same record is skipped
/// (the same file loads twice without adding anything); one registered with a different record is refused: a source's
/// record is what facts were cited against, so it is never silently replaced.
/// </summary>
public static class RegisterSources
{
    public static Result<SourceRegistered> Build(SourceRequest r)
    {
        var id = (r.Id ?? "").Trim();
        if (id.Length == 0) return Refusal.Invalid("id", "'id' is required.");
        if (!SourceIds.IsId(id))
            return Refusal.Invalid("id", $"'id' must be letters, digits, '.', '_' or '-' with at least one digit (at most {SourceIds.MaxLength}), e.g. S33-1; got '{Input.Clip(Input.Visible(id))}'.");
        string? alias = null;
        if (!string.IsNullOrWhiteSpace(r.AliasOf))
        {
            alias = r.AliasOf.Trim();
            if (!SourceIds.IsId(alias)) return Refusal.Invalid("aliasOf", $"'aliasOf' must be a source id, e.g. S33; got '{Input.Clip(Input.Visible(alias))}'.");
            if (alias == id) return Refusal.Invalid("aliasOf", "'aliasOf' names the source itself.");
        }
        var kind = Input.Enum<SourceKind>(r.Kind, "kind");
        if (kind.Refusal is { } k) return k;
        var publisher = Input.Name(r.Publisher, "publisher", 200, required: true);
        if (publisher.Refusal is { } p) return p;
        // A title is shown and matched as given: an invisible character in it is refused, not removed.
        var title = Input.Name(r.Title, "title", 500, required: true);
        if (title.Refusal is { } t) return t;
        string? published = null;
        if (!string.IsNullOrWhiteSpace(r.Published))
        {
            published = r.Published.Trim();
            if (!Publication.IsValid(published)) return Refusal.Invalid("published", $"'published' must be a day (YYYY-MM-DD) or a month (YYYY-MM); got '{Input.Clip(Input.Visible(published))}'.");
            if (!Input.IsInYears(Publication.KnownFrom(published)!.Value)) return Refusal.Invalid("published", "'published' must fall between 1900 and 2199.");
        }
        var url = Link(r.Url, "url");
        if (url.Refusal is { } u) return u;
        var archived = Link(r.ArchivedUrl, "archivedUrl");
        if (archived.Refusal is { } a) return a;
        string? language = null;
        if (!string.IsNullOrWhiteSpace(r.Language))
        {
            language = r.Language.Trim().ToLowerInvariant();
            if (language.Length != 2 || !language.All(char.IsAsciiLetterLower))
                return Refusal.Invalid("language", $"'language' must be a two-letter ISO 639-1 code, e.g. en; got '{Input.Clip(Input.Visible(r.Language.Trim()))}'.");
        }
        return new SourceRegistered(id, alias, kind.Value, publisher.Value!, title.Value!, published, url.Value, language, archived.Value);
    }

    /// <summary>An address: absent, or an absolute http(s) link (a page renders it as one).</summary>
    private static Result<string?> Link(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return new Result<string?>(null, null);
        var t = text.Trim();
        if (t.Length > 2000) return Refusal.Invalid(field, $"'{field}' is {t.Length} characters long; at most 2000 are accepted.");
        return Input.IsWebLink(t) ? t : Refusal.Invalid(field, $"'{field}' must be one absolute http or https address; got '{Input.Clip(Input.Visible(t))}'.");
    }


    /// <param name="keepRegistered">
    /// A newer data pack's sources: one already registered with another record keeps the record it has (a record is never
    /// rewritten), and the others are registered. Otherwise such a source refuses the whole request.
    /// </param>
    /// <returns>The number of sources registered now (those already registered alike are skipped), or the refusal.</returns>
    public static Task<Result<int>> Handle(ConcordDbContext db, IClock clock, IReadOnlyList<SourceRegistered> sources, WriteContext who, CancellationToken ct,
        bool keepRegistered = false) =>
        EventStore.Serialized(async () =>
        {
            var ids = sources.Select(s => s.Id).ToList();
            var known = await db.Sources.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, ct);
            var fresh = new List<SourceRegistered>();
            foreach (var s in sources)
            {
                if (fresh.Any(f => f.Id == s.Id)) return new Result<int>(0, Refusal.Invalid("id", $"Source '{s.Id}' is given twice."));
                if (known.TryGetValue(s.Id, out var row))
                {
                    if (Same(row, s) || keepRegistered) continue;
                    return new Result<int>(0, Refusal.Conflict($"A source '{s.Id}' is already registered with another record ({row.Publisher}, {row.Title})."));
                }
                fresh.Add(s);
            }
            if (fresh.Count == 0) return new Result<int>(0, null);
            var now = clock.GetCurrentInstant();
            var writes = fresh.Select(s => new StreamWrite(StreamIds.Source(s.Id), 0, [new PendingEvent(s, now, Classification.Public)])).ToList();
            await new EventStore(db).Commit(writes, new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
            return new Result<int>(fresh.Count, null);
        }, ct);

    private static bool Same(SourceRow row, SourceRegistered s) =>
        row.AliasOf == s.AliasOf && row.Kind == Domain.Words.Of(s.Kind) && row.Publisher == s.Publisher && row.Title == s.Title && row.Published == s.Published
        && row.Url == s.Url && row.Language == s.Language && row.ArchivedUrl == s.ArchivedUrl;
}
