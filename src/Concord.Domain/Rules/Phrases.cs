using System.Globalization;
using Concord.Domain.Decisions;
using Concord.Domain.Members;

namespace Concord.Domain.Rules;

/// <summary>How a body names its members in explanations (Allies, Parties, participating States, members).</summary>
internal sealed record Noun(string One, string Many)
{
    public static readonly Noun Ally = new("Ally", "Allies");
    public static readonly Noun Party = new("Party", "Parties");
    public static readonly Noun State = new("participating State", "participating States");
    public static readonly Noun Member = new("member", "members");
    public static readonly Noun PermanentMember = new("permanent member", "permanent members");

    /// <summary>"1 Ally", "4 Allies".</summary>
    public string Count(int n) => $"{n} {(n == 1 ? One : Many)}";
}

/// <summary>Small pieces of the human explanation sentences.</summary>
internal static class Phrases
{
    /// <summary>"DEU, HUN, SVK".</summary>
    public static string Codes(IEnumerable<MemberCode> members) => string.Join(", ", members.Select(m => m.Value));

    /// <summary>"4 Allies object (DEU, HUN, SVK, USA)": the verb agrees with the count; empty when nobody does.</summary>
    public static string Who(Noun noun, IReadOnlyList<MemberCode> members, string verbOne, string verbMany) =>
        members.Count == 0
            ? ""
            : $"{noun.Count(members.Count)} {(members.Count == 1 ? verbOne : verbMany)} ({Codes(members)})";

    /// <summary>"3 Allies (BEL, DEU, FRA)"; empty when nobody.</summary>
    public static string Group(Noun noun, IReadOnlyList<MemberCode> members) =>
        members.Count == 0 ? "" : $"{noun.Count(members.Count)} ({Codes(members)})";

    /// <summary>Who has not given a final position yet: undeclared, or agreed ad referendum.</summary>
    public static string NotFinal(Noun noun, Tally tally) => And(
        Who(noun, tally.MembersWith(PositionKind.Undeclared), "has not declared", "have not declared"),
        Who(noun, tally.MembersWith(PositionKind.AdReferendum),
            "agreed ad referendum, pending its capital", "agreed ad referendum, pending their capitals"));

    /// <summary>"2 Allies dissociate in footnotes (DNK, GRC)"; empty when nobody.</summary>
    public static string Footnotes(Noun noun, Tally tally) =>
        Who(noun, tally.MembersWith(PositionKind.Footnote), "dissociates in a footnote", "dissociate in footnotes");

    /// <summary>"; " and the clause, or nothing when the clause is empty.</summary>
    public static string Then(string clause) => clause.Length == 0 ? "" : "; " + clause;

    /// <summary>Joins clauses with commas and a final "and", dropping empty ones.</summary>
    public static string And(params string?[] clauses)
    {
        var parts = clauses.Where(c => !string.IsNullOrEmpty(c)).ToList();
        return parts.Count <= 1 ? string.Concat(parts) : $"{string.Join(", ", parts[..^1])} and {parts[^1]}";
    }

    /// <summary>A whole percentage, rounded down: the share is never overstated.</summary>
    public static string Percent(long part, long whole) =>
        whole == 0 ? "0%" : (part * 100 / whole).ToString(CultureInfo.InvariantCulture) + "%";
}
