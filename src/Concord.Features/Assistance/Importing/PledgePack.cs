using System.Text.Json;
using System.Text.RegularExpressions;
using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance.Importing;

/// <summary>
/// What the pledge files (data/assistance/pledges.csv, pledge_amendments.csv, delay_events.csv) share: dates with their
/// confidence word read as date windows, promised dates or periods, the notes' map of which source supports which date,
/// and the check that a pledge's events fit its stream.
/// </summary>
public static partial class PledgePack
{
    /// <summary>
    /// A date and its confidence word. <c>approximate</c> means only the month is known (the file writes its first day):
    /// a month window, never that day. Otherwise the day itself, or, when <paramref name="upperBound"/> (a delivery dated
    /// by its first public confirmation), on or before it. Null when both are blank.
    /// </summary>
    public static (DateWindow? Window, Confidence? Confidence) Date(string? date, string? confidence, string dateColumn, string confidenceColumn,
        bool upperBound, LocalDate today, int line, List<ImportError> errors)
    {
        Confidence? level = null;
        if (confidence is not null)
        {
            var c = Input.Confidence(confidence, confidenceColumn);
            if (c.Refusal is { } cr) errors.Add(new(line, confidenceColumn, cr.Reason));
            else level = ConfidenceWords.Read(c.Value);
        }
        if (date is null)
        {
            if (confidence is not null) errors.Add(new(line, confidenceColumn, $"'{confidenceColumn}' is given but '{dateColumn}' is blank; a confidence qualifies a date."));
            return (null, null);
        }
        var d = Input.PastDate(date, dateColumn, today);
        if (d.Refusal is { } dr) { errors.Add(new(line, dateColumn, dr.Reason)); return (null, null); }
        if (level == Confidence.Approximate)
        {
            if (d.Value.Day != 1)
            {
                errors.Add(new(line, dateColumn, $"An approximate date is a month, written as its first day; got {d.Value:yyyy-MM-dd}."));
                return (null, null);
            }
            return (DateWindow.InMonth(new YearMonth(d.Value.Year, d.Value.Month)), level);
        }
        return (upperBound ? DateWindow.OnOrBefore(d.Value) : DateWindow.On(d.Value), level);
    }

    /// <summary>A promised date (a deadline: on or before it) or an ISO 8601 interval <c>start/end</c> (between the two, both included).</summary>
    public static DateWindow? Promised(string? text, string column, LocalDate today, int line, List<ImportError> errors)
    {
        if (text is null) return null;
        var parts = text.Split('/');
        if (parts.Length > 2) { errors.Add(new(line, column, $"'{text}' is neither a date nor an interval start/end.")); return null; }
        var ends = parts.Select(p => Input.AheadDate(p, column, today)).ToList();
        if (ends.Select(e => e.Refusal).FirstOrDefault(r => r is not null) is { } bad)
        {
            errors.Add(new(line, column, parts.Length == 2 ? $"'{text}' is not an interval of two dates, YYYY-MM-DD/YYYY-MM-DD. {bad.Reason}" : bad.Reason));
            return null;
        }
        if (parts.Length == 1) return DateWindow.OnOrBefore(ends[0].Value);
        if (ends[1].Value < ends[0].Value) { errors.Add(new(line, column, $"The interval '{text}' ends before it starts.")); return null; }
        return DateWindow.Between(ends[0].Value, ends[1].Value);
    }

    /// <summary>
    /// The notes' opening map of which source supports which date, e.g. <c>[ann S001; prom S002 (…); first+full S003 S004]</c>:
    /// for each tag (ann, prom, first, full, status, use), the ids named in its part. Empty when the notes open with no map.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> SourceMap(string? notes)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        if (notes is null || !notes.StartsWith('[')) return new Dictionary<string, IReadOnlyList<string>>();
        int depth = 0, end = -1;
        var parts = new List<string>();
        var start = 1;
        for (var i = 1; i < notes.Length && end < 0; i++)
        {
            switch (notes[i])
            {
                case '(': depth++; break;
                case ')': depth--; break;
                case ';' when depth == 0: parts.Add(notes[start..i]); start = i + 1; break;
                case ']' when depth == 0: parts.Add(notes[start..i]); end = i; break;
            }
        }
        if (end < 0) return new Dictionary<string, IReadOnlyList<string>>();
        foreach (var part in parts.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            var tags = part.Split(' ', 2)[0].Split('+');
            var ids = SourceId().Matches(part).Select(m => m.Value).ToList();
            foreach (var tag in tags)
            {
                if (!map.TryGetValue(tag, out var list)) map[tag] = list = [];
                list.AddRange(ids.Where(id => !list.Contains(id)));
            }
        }
        return map.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The ids the map gives for any of <paramref name="tags"/>, joined by ';'; <paramref name="all"/> when it gives none.</summary>
    public static string? Cited(IReadOnlyDictionary<string, IReadOnlyList<string>> map, string? all, params string[] tags)
    {
        var ids = tags.SelectMany(t => map.TryGetValue(t, out var l) ? l : []).Distinct(StringComparer.Ordinal).ToList();
        return ids.Count == 0 ? all : string.Join(";", ids);
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9-])S\d{3}(?![0-9])")]
    private static partial Regex SourceId();

    /// <summary>The event's stored form: two records of one fact are the same when these are equal.</summary>
    public static string Key(IPledgeEvent e) => e.GetType().Name + JsonSerializer.Serialize(e, e.GetType(), ConcordJson.Options);

    /// <summary>
    /// Decides each command in turn against the stream as the earlier ones left it, skipping a fact the stream holds word
    /// for word (a re-import adds nothing); a refusal is reported on <paramref name="line"/>, naming <paramref name="column"/>.
    /// </summary>
    public static List<IPledgeEvent> Plan(List<Fact<IPledgeEvent>> history, IEnumerable<IPledgeEvent> events, int line, string column, List<ImportError> errors)
    {
        var fresh = new List<IPledgeEvent>();
        var held = history.Select(f => Key(f.Event)).ToHashSet(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (held.Contains(Key(e))) continue;
            if (e is PledgeAnnounced a && history.Select(f => f.Event).OfType<PledgeAnnounced>().FirstOrDefault() is { } held0)
            {
                // Named by the column that differs, so that the fault is found where it is.
                foreach (var differs in Differing(held0, a))
                    errors.Add(new(line, differs, $"Pledge {a.Id} is already recorded with another {differs}; a change to it is an amendment (pledge_amendments.csv)."));
                return [];
            }
            var decided = Pledge.DecideEvent(history, e);
            if (decided.Refusal is { } r) { errors.Add(new(line, column, r.Reason)); return []; }
            held.Add(Key(e));
            history.Add(new Fact<IPledgeEvent>(e, Pledge.EffectiveOf(e), history.Count == 0 ? 1 : history.Max(f => f.Version) + 1));
            fresh.Add(e);
        }
        return fresh;
    }

    /// <summary>The columns of a pledges file in which two announcements of one pledge differ.</summary>
    private static IEnumerable<string> Differing(PledgeAnnounced held, PledgeAnnounced fresh)
    {
        static string Of(object? value) => JsonSerializer.Serialize(value, ConcordJson.Options);
        var differs = new List<string>();
        void Compare(string column, object? a, object? b) { if (Of(a) != Of(b) && !differs.Contains(column)) differs.Add(column); }
        Compare("donor", held.CoDonors, fresh.CoDonors);
        Compare("recipient", held.Recipient, fresh.Recipient);
        Compare("category", held.Category, fresh.Category);
        Compare("item", held.Items.Select(i => i.Item).Concat((held.Undisclosed ?? []).Select(u => u.Item)), fresh.Items.Select(i => i.Item).Concat((fresh.Undisclosed ?? []).Select(u => u.Item)));
        Compare("unit", held.Items.Select(i => i.Unit).Concat((held.Undisclosed ?? []).Select(u => u.Unit)), fresh.Items.Select(i => i.Unit).Concat((fresh.Undisclosed ?? []).Select(u => u.Unit)));
        Compare("quantity", held.Items.Select(i => i.Quantity), fresh.Items.Select(i => i.Quantity));
        Compare("announced", new object?[] { held.Announced, held.AnnouncedWindow, held.AnnouncementUndated }, new object?[] { fresh.Announced, fresh.AnnouncedWindow, fresh.AnnouncementUndated });
        Compare("announced_confidence", held.Confidence, fresh.Confidence);
        Compare("promised_by", new object?[] { held.PromisedBy, held.Promised }, new object?[] { fresh.PromisedBy, fresh.Promised });
        Compare("source_ids", held.Source, fresh.Source);
        Compare("notes", held.Note, fresh.Note);
        return differs.Count == 0 ? ["pledge_id"] : differs;
    }

    /// <summary>The stream of a pledge as stored, as facts.</summary>
    public static async Task<(List<Fact<IPledgeEvent>> Facts, int Version)> Stream(ConcordDbContext db, PledgeId id, CancellationToken ct)
    {
        var rows = await PledgeStream.Rows(db, id, ct);
        return ([.. rows.Select(PledgeStream.ToFact)], rows.Count == 0 ? 0 : rows[^1].StreamVersion);
    }
}
