using NodaTime;

namespace Concord.Domain.Summits;

/// <summary>
/// A meeting of heads of state and government. <see cref="Id"/> is a slug of the city and year
/// (<c>washington-2024</c>); dates are inclusive local dates.
/// </summary>
public sealed record SummitScheduled(
    string Id,
    string Name,
    string City,
    string? HostCountry,
    LocalDate Start,
    LocalDate End,
    string? Kind,
    string? EnlargementDecisions,
    string? OtherDecisions,
    string? Sources,
    string? Notes);

public static class SummitIds
{
    /// <summary>"Washington, D.C." in 2024 → <c>washington-2024</c>; "Strasbourg / Kehl" → <c>strasbourg-2009</c>.</summary>
    public static string For(string city, LocalDate start)
    {
        var first = city.Split([',', '/', '('], 2)[0].Trim().ToLowerInvariant();
        var slug = string.Join('-', new string(first.Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return $"{slug}-{start.Year}";
    }
}
