using Concord.Domain.Members;

namespace Concord.Domain.Statements;

/// <summary>What an actor did: said something, visited, met, issued a communiqué, or voted (a parliament's vote, a signature of a ratification law).</summary>
public enum StatementKind { Statement, Visit, Meeting, Communique, Vote }

/// <summary>
/// The actor's stance toward the statement's subject at that moment: supports, opposes, supports on conditions (demands to
/// be met, "when conditions are met"), or neutral (procedural, non-committal).
/// </summary>
public enum Stance { Supports, Opposes, Conditions, Neutral }

/// <summary>
/// Who acted: a named person with a role, or a body ("NATO Heads of State and Government"), on behalf of a state (ISO
/// 3166-1 alpha-3, a third state such as Russia included) or an organisation (<see cref="StatementActors.Organisations"/>).
/// </summary>
public sealed record StatementActor(string Name, string? Role, string For);

/// <summary>What a statement concerns, by id: decisions, accessions (by candidate, whether or not its accession is recorded yet) and pledges.</summary>
public sealed record StatementLinks(IReadOnlyList<string> Decisions, IReadOnlyList<MemberCode> Accessions, IReadOnlyList<string> Pledges)
{
    public static readonly StatementLinks None = new([], [], []);
}

/// <summary>A fact in a statement's stream ("statement-ID").</summary>
public interface IStatementEvent;

/// <summary>
/// A statement, visit, meeting, communiqué or vote, recorded with when it happened (as precisely as its sources date it),
/// how that is known, who acted, toward which subject and with which stance, a summary in Concord's words, its sources and
/// what it concerns. It is part of the record around decisions and accessions: it never is, nor changes, a position — a
/// third state takes no part in a decision, and an Ally's statement leaves its recorded position as it is. Recorded again
/// under its id, the later record replaces the earlier one (the log keeps both).
/// </summary>
public sealed record StatementRecorded(
    string Id, DateWindow When, Confidence? Confidence, IReadOnlyList<StatementActor> Actors, StatementKind Kind, string Subject, Stance Stance,
    string Summary, string? Source, StatementLinks Links) : IStatementEvent;

public static class StatementActors
{
    /// <summary>The organisations an actor may speak for besides states: NATO (its Secretary General, its bodies) and the EU institutions.</summary>
    public static readonly IReadOnlySet<string> Organisations = new HashSet<string>(StringComparer.Ordinal) { "NATO", "EUU" };

    /// <summary>
    /// The id of a person's or body's page: the name in lower case, letters and digits kept (accents folded), the rest as
    /// single dashes ("Recep Tayyip Erdoğan" → "recep-tayyip-erdogan").
    /// </summary>
    public static string Slug(string name)
    {
        var folded = new string(name.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray());
        var chars = folded.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 0 ? slug : "actor";
    }
}
