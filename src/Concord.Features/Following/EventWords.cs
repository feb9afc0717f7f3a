using System.Globalization;
using System.Text.RegularExpressions;
using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Assistance;
using Concord.Domain.Decisions;
using Concord.Domain.Statements;
using Concord.Features.EventLog;

namespace Concord.Features.Following;

/// <summary>An event told in words: a title, a sentence or two, and where the browser app shows what it changed.</summary>
public sealed record Told(string Title, string Summary, string Href, string Kind);

/// <summary>
/// What each event changed, in words, for the feeds and webhooks: told from the event alone (its payload and its stream),
/// so that an entry says the same whenever it is read and tells nothing the event does not.
/// </summary>
public static partial class EventWords
{
    /// <summary>Every <see cref="Told.Kind"/> an event can be told as: what a webhook subscribes to.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        ["decision", "position", "judgment", "accession", "procedure", "statement", "pledge", "assistance", "readiness", "source", "summit", "member", "other"];

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex WordBoundary();

    /// <summary>An event's stored name as words: "RatificationStageRecorded" → "Ratification stage recorded".</summary>
    public static string Humanize(string name)
    {
        var words = WordBoundary().Replace(name, " ").ToLowerInvariant();
        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words[1..];
    }

    public static Told Of(StoredEvent e)
    {
        var stream = e.StreamId;
        var body = EventStore.Deserialize(e);
        if (stream.StartsWith(StreamIds.DecisionPrefix, StringComparison.Ordinal))
        {
            var id = stream[StreamIds.DecisionPrefix.Length..];
            var href = Links.Decision(id);
            return body switch
            {
                DecisionOpened o => new($"Decision opened: {o.Subject}", $"Decision {id} was opened under the {Words.Of(o.Rule)} rule{(o.Summit is { } s ? $", due at summit {s}" : "")}.", href, "decision"),
                PositionRecorded p => new($"{p.Member.Value}: {Words.Of(p.Kind)} on decision {id}",
                    Sentence($"{p.Member.Value} recorded its position on decision {id}: {Words.Of(p.Kind)}", p.Condition is { } c ? $"Condition: {c}" : null, p.Note), href, "position"),
                DraftPutUnderSilence s => new($"Decision {id} put under silence", $"The draft is under the silence procedure until {Moment(s.Deadline)}.", href, "decision"),
                DraftReissuedUnderSilence s => new($"Decision {id} re-issued under silence", $"The draft was re-issued under silence until {Moment(s.Deadline)}.", href, "decision"),
                DecisionAdoptedUnderSilence s => new($"Decision {id} adopted under silence", $"No Ally broke silence by {Moment(s.Deadline)}: the draft is adopted.", href, "decision"),
                DecisionConcluded c => new($"Decision {id} concluded: {Words.Of(c.Outcome)}", $"The secretariat concluded decision {id}: {Words.Of(c.Outcome)}.", href, "decision"),
                ConclusionRecorded c => new($"Decision {id}: outcome recorded ({Words.Of(c.Outcome)})", Sentence($"Its outcome was recorded as {Words.Of(c.Outcome)}", c.Note), href, "decision"),
                DecisionWithdrawn w => new($"Decision {id} withdrawn", Sentence("The secretariat withdrew it", $"Reason: {w.Reason}"), href, "decision"),
                OutcomeReleased r => new($"Decision {id}: outcome released", r.Statement, href, "decision"),
                _ => Generic(e, href, "decision"),
            };
        }
        if (stream.StartsWith(StreamIds.JudgmentsPrefix, StringComparison.Ordinal) && body is JudgmentRecorded j)
            return new($"Judgment: {j.Member.Value} on decision {j.Decision.Value}, {j.Probability.ToString("0.##", CultureInfo.InvariantCulture)} by {Day(j.By)}",
                Sentence($"An analyst judged the chance that {j.Member.Value} concurs on decision {j.Decision.Value} by {Day(j.By)} at {j.Probability.ToString("0%", CultureInfo.InvariantCulture)}: a judgment, not a fact",
                    $"Rationale: {j.Rationale}"), Links.Decision(j.Decision.Value), "judgment");
        if (stream.StartsWith(StreamIds.AccessionPrefix, StringComparison.Ordinal))
        {
            var code = stream[StreamIds.AccessionPrefix.Length..];
            var href = Links.Accession(code);
            return body switch
            {
                AccessionOpened o => new($"{o.Name}'s accession followed", $"Concord follows {o.Name}'s path to membership.", href, "accession"),
                RatificationStageRecorded r => new($"{code}: {r.Party.Value} {Words.Of(r.Stage)} ({r.Date})",
                    Sentence($"{r.Party.Value} reached the ratification stage {Words.Of(r.Stage)} for {code}'s accession on {r.Date}{Corrected(r)}", r.Note), href, "accession"),
                AccessionStepRecorded s => new($"{code}: {Humanize(EventNames.NameOf(s)).ToLowerInvariant()} ({s.Date})",
                    Sentence($"{code}'s accession: {Humanize(EventNames.NameOf(s)).ToLowerInvariant()} on {s.Date}{Corrected(s)}", s.Note), href, "accession"),
                _ => Generic(e, href, "accession"),
            };
        }
        if (stream.StartsWith(StreamIds.StatementPrefix, StringComparison.Ordinal) && body is StatementRecorded st)
        {
            var who = string.Join("; ", st.Actors.Select(a => a.Role is { } r ? $"{a.Name} ({r}, {a.For})" : $"{a.Name} ({a.For})"));
            return new($"{who}: {Words.Of(st.Kind)}, {Words.Of(st.Stance)} on {st.Subject} ({st.When})", st.Summary, Links.Statement(st), "statement");
        }
        if (stream.StartsWith(StreamIds.PledgePrefix, StringComparison.Ordinal))
        {
            var id = stream[StreamIds.PledgePrefix.Length..];
            var href = Links.Pledge(id);
            return body switch
            {
                PledgeAnnounced p => new($"{string.Join(" and ", new[] { p.Donor }.Concat(p.CoDonors ?? []).Select(d => d.Value))} pledged {Items(p.Items, p.Undisclosed)} to {p.Recipient.Value}",
                    Sentence($"Pledge {id}, announced {p.AnnouncedWindow?.ToString() ?? Day(p.Announced)}", p.Note), href, "pledge"),
                DeliveryRecorded d => new($"Pledge {id}: delivery recorded ({d.Window?.ToString() ?? Day(d.On)})",
                    Sentence($"Delivered: {(d.Items.Count == 0 ? "a quantity no source stated" : Items(d.Items, null))}", d.Note), href, "pledge"),
                PledgeAmended a => new($"Pledge {id} amended ({Day(a.On)})", Sentence(a.PromisedBy is { } by ? $"Now promised by {Day(by)}" : "Its terms changed", a.Note), href, "pledge"),
                PledgeAdvanced a => new($"Pledge {id}: {Words.Of(a.Status)} ({Day(a.On)})", Sentence($"The pledge is now {Words.Of(a.Status)}", a.Note), href, "pledge"),
                PledgeCancelled c => new($"Pledge {id} cancelled ({Day(c.On)})", Sentence("The pledge was cancelled", c.Reason), href, "pledge"),
                _ => Generic(e, href, "pledge"),
            };
        }
        if (stream.StartsWith(StreamIds.SourcePrefix, StringComparison.Ordinal) && body is Domain.Sources.SourceRegistered src)
            return new($"Source registered: {src.Title}", $"{src.Publisher}{(src.Published is { } p ? $", {p}" : "")} ({src.Id}).", Links.Source(src.Id), "source");
        if (stream.StartsWith(StreamIds.SummitPrefix, StringComparison.Ordinal) && body is Domain.Summits.SummitScheduled sum)
            return new($"Summit scheduled: {sum.Name}", $"{sum.City}, {Day(sum.Start)} to {Day(sum.End)}.", "/summits", "summit");
        var (link, kind) = stream switch
        {
            _ when stream.StartsWith(StreamIds.BodyPrefix, StringComparison.Ordinal) => ("/members", "member"),
            _ when stream.StartsWith(StreamIds.ReadinessPrefix, StringComparison.Ordinal) => ("/readiness", "readiness"),
            StreamIds.Procedures => ("/accessions", "procedure"),
            StreamIds.AssistanceTimeline or StreamIds.KielMonthly => ("/assistance/delays", "assistance"),
            _ => ("/", "other"),
        };
        return Generic(e, link, kind);
    }

    private static Told Generic(StoredEvent e, string href, string kind) =>
        new($"{Humanize(e.Name)} ({e.StreamId})", $"{Humanize(e.Name)}, effective {Moment(e.Effective)}.", href, kind);

    private static string Items(IReadOnlyList<ItemLine> items, IReadOnlyList<UndisclosedItem>? undisclosed) =>
        string.Join(", ", items.Select(i => $"{i.Quantity.ToString("0.##", CultureInfo.InvariantCulture)} {i.Unit} of {i.Item}")
            .Concat((undisclosed ?? []).Select(u => $"an undisclosed number of {u.Item}")));

    private static string Corrected(AccessionStepRecorded s) => s.Corrects == true ? " (a correction of the date recorded before)" : "";

    private static string Sentence(params string?[] parts) =>
        string.Join(". ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim().TrimEnd('.'))) + ".";

    private static string Day(NodaTime.LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Moment(NodaTime.Instant at) => NodaTime.Text.InstantPattern.General.Format(at);
}
