using Concord.Domain.Members;

namespace Concord.Domain;

/// <summary>A security classification marking, lowest to highest. The order is the order of clearance.</summary>
public enum Marking
{
    /// <summary>Released to the public.</summary>
    Public = 0,
    /// <summary>NATO UNCLASSIFIED: official information, not released to the public.</summary>
    NatoUnclassified = 1,
    /// <summary>NATO RESTRICTED.</summary>
    NatoRestricted = 2,
    /// <summary>NATO CONFIDENTIAL.</summary>
    NatoConfidential = 3,
    /// <summary>NATO SECRET.</summary>
    NatoSecret = 4,
}

/// <summary>
/// A marking and the non-members it may be released to ("NATO RESTRICTED REL UKR"). Allies' nationals with the
/// clearance see it; a non-member's national only when it is named in <see cref="ReleasableTo"/>.
/// </summary>
public sealed record Classification(Marking Marking, IReadOnlyList<MemberCode> ReleasableTo)
{
    public static readonly Classification Public = new(Marking.Public, []);
    public static readonly Classification Unclassified = new(Marking.NatoUnclassified, []);

    public static Classification Of(Marking marking, params MemberCode[] releasableTo) =>
        new(marking, [.. releasableTo.Distinct().OrderBy(c => c.Value, StringComparer.Ordinal)]);

    public bool IsPublic => Marking == Marking.Public;

    /// <summary>The marking's words: "PUBLIC", "NATO UNCLASSIFIED", "NATO RESTRICTED".</summary>
    public static string Words(Marking marking) => marking switch
    {
        Marking.Public => "PUBLIC",
        Marking.NatoUnclassified => "NATO UNCLASSIFIED",
        Marking.NatoRestricted => "NATO RESTRICTED",
        Marking.NatoConfidential => "NATO CONFIDENTIAL",
        Marking.NatoSecret => "NATO SECRET",
        _ => marking.ToString(),
    };

    /// <summary>The releasability codes as stored: "UKR,SWE" sorted, or null when none.</summary>
    public string? ReleasableText => ReleasableTo.Count == 0 ? null : string.Join(',', ReleasableTo.Select(c => c.Value));

    /// <summary>
    /// The classification as stored in two columns, the inverse of <see cref="Marking"/> and <see cref="ReleasableText"/>.
    /// A code that does not read (a damaged row) is left out: that releases to fewer, never to more.
    /// </summary>
    public static Classification FromStored(Marking marking, string? releasableText) =>
        Of(marking, [.. (releasableText ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(MemberCode.TryParse).OfType<MemberCode>()]);

    public override string ToString() =>
        ReleasableTo.Count == 0 ? Words(Marking) : $"{Words(Marking)} REL {string.Join(", ", ReleasableTo.Select(c => c.Value))}";

    /// <summary>Reads "NATO RESTRICTED REL UKR", "restricted", "NatoRestricted", "PUBLIC"; null when it is not a marking.</summary>
    public static Classification? Parse(string? text, string? releasableTo = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var upper = text.Trim().ToUpperInvariant();
        var rel = releasableTo;
        var at = upper.IndexOf(" REL ", StringComparison.Ordinal);
        if (at >= 0)
        {
            rel = (rel is null ? "" : rel + ",") + upper[(at + 5)..];
            upper = upper[..at].Trim();
        }
        var key = upper.Replace("NATO", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        Marking? marking = key switch
        {
            "PUBLIC" => Marking.Public,
            "UNCLASSIFIED" or "NU" => Marking.NatoUnclassified,
            "RESTRICTED" or "NR" => Marking.NatoRestricted,
            "CONFIDENTIAL" or "NC" => Marking.NatoConfidential,
            "SECRET" or "NS" => Marking.NatoSecret,
            _ => null,
        };
        if (marking is null) return null;
        var codes = new List<MemberCode>();
        foreach (var part in (rel ?? "").Split([',', ' ', ';', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (MemberCode.TryParse(part) is not { } code) return null;
            codes.Add(code);
        }
        return Of(marking.Value, [.. codes]);
    }

    public bool Equals(Classification? other) =>
        other is not null && Marking == other.Marking && ReleasableTo.SequenceEqual(other.ReleasableTo);

    public override int GetHashCode() => HashCode.Combine(Marking, ReleasableText);
}
