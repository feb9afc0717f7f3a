namespace Concord.Features.Importing;

/// <summary>
/// The expected name closest to a name Concord does not know (a column of a CSV file, a key of a JSON file), so that a
/// misspelt name is refused with the fix rather than ignored: <c>date_qualifer</c> → "did you mean 'date_qualifier'?".
/// </summary>
public static class DidYouMean
{
    /// <summary>
    /// The closest of <paramref name="expected"/> by edit distance (insertions, deletions, substitutions and swaps of two
    /// neighbours, case, '-', '_' and spaces ignored), when it is close enough to be a typing error: one edit in a name of
    /// up to four letters, two up to eight, three beyond. Null when none is; null too for a name that differs only in its
    /// digits (<c>source_of_aid_5</c> is another column than <c>source_of_aid_4</c>, not a misspelling of it).
    /// </summary>
    public static string? Closest(string given, IEnumerable<string> expected)
    {
        var g = Fold(given);
        if (g.Length == 0) return null;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in expected)
        {
            var n = Fold(name);
            if (n == g) return name;
            if (DiffersOnlyInDigits(g, n)) continue;
            // Names whose lengths differ by more than the most edits ever allowed cannot be close: no table for them (a
            // header cell of thousands of characters would otherwise cost a table of millions for every name compared).
            if (Math.Abs(g.Length - n.Length) > Allowed(int.MaxValue)) continue;
            var d = Distance(g, n);
            if (d < bestDistance) (best, bestDistance) = (name, d);
        }
        return best is not null && bestDistance <= Allowed(Math.Max(g.Length, Fold(best).Length)) ? best : null;
    }

    /// <summary>The words of a refusal: " Did you mean 'x'?" when a name is close, else the list of names.</summary>
    public static string Hint(string given, IReadOnlyCollection<string> expected, string what) =>
        Closest(given, expected) is { } close ? $" Did you mean '{close}'?" : $" The {what} are {string.Join(", ", expected)}.";

    private static int Allowed(int length) => length <= 4 ? 1 : length <= 8 ? 2 : 3;

    private static string Fold(string name) =>
        new([.. name.Trim().ToLowerInvariant().Where(c => c is not ('_' or '-' or ' '))]);

    private static bool DiffersOnlyInDigits(string a, string b) =>
        a.Length == b.Length && !a.Equals(b, StringComparison.Ordinal)
        && a.Zip(b).All(p => p.First == p.Second || char.IsAsciiDigit(p.First) && char.IsAsciiDigit(p.Second));

    /// <summary>Optimal string alignment distance: Levenshtein with the swap of two neighbouring letters as one edit.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
