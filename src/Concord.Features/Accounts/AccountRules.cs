using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Accounts;

/// <summary>What an account's roles, nationality and clearance must be, read from text as an administrator types them.</summary>
public static class AccountRules
{
    private static readonly string RoleNames = string.Join(", ", Enum.GetNames<Role>());

    /// <summary>
    /// Reads and checks the three together: every role known and at least one; the nationality an ISO 3166-1 alpha-3
    /// code; a Delegation's nationality that of a current Ally; a Candidate delegation's that of a state not (yet) an
    /// Ally; the clearance a marking without releasability.
    /// </summary>
    public static async Task<Result<(IReadOnlyList<Role> Roles, MemberCode? Nationality, Marking Clearance)>> Check(
        ConcordDbContext db, IEnumerable<string> roles, string? nationality, string clearance, CancellationToken ct)
    {
        var parsedRoles = Roles(roles);
        if (parsedRoles.Refusal is { } badRole) return badRole;
        var parsedNationality = Nationality(nationality);
        if (parsedNationality.Refusal is { } badNationality) return badNationality;
        var parsedClearance = Clearance(clearance);
        if (parsedClearance.Refusal is { } badClearance) return badClearance;
        var (granted, state) = (parsedRoles.Value!, parsedNationality.Value);
        if (await Scope(db, granted, state, ct) is { } outOfScope) return outOfScope;
        return (granted, state, parsedClearance.Value);
    }

    /// <summary>Roles by name, in any case ("Delegation", "analyst"); duplicates count once.</summary>
    public static Result<IReadOnlyList<Role>> Roles(IEnumerable<string> names)
    {
        var roles = new SortedSet<Role>();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            if (!name.All(char.IsAsciiLetter) || !Enum.TryParse<Role>(name, ignoreCase: true, out var role))
                return Refusal.Invalid("roles", $"'{name}' is not a role. The roles are {RoleNames}.");
            roles.Add(role);
        }
        if (roles.Count == 0) return Refusal.Invalid("roles", $"An account needs at least one role: {RoleNames}.");
        return roles.ToList();
    }

    /// <summary>An ISO 3166-1 alpha-3 code of a country, or null when none is given.</summary>
    public static Result<MemberCode?> Nationality(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new Result<MemberCode?>(null, null);
        if (MemberCode.TryParse(text) is not { } code)
            return Refusal.Invalid("nationality", $"'{text.Trim()}' is not a nationality: use the ISO 3166-1 alpha-3 code of a country, e.g. DEU.");
        if (!Nationalities.IsKnown(code))
            return Refusal.Invalid("nationality", $"'{code}' is not the ISO 3166-1 alpha-3 code of any country.");
        return code;
    }

    /// <summary>A marking without releasability: "NATO RESTRICTED", "restricted", "PUBLIC".</summary>
    public static Result<Marking> Clearance(string? text)
    {
        if (Classification.Parse(text) is { ReleasableTo.Count: 0 } classification) return classification.Marking;
        return Refusal.Invalid("clearance",
            $"'{text?.Trim()}' is not a clearance: use PUBLIC, NATO UNCLASSIFIED, NATO RESTRICTED, NATO CONFIDENTIAL or NATO SECRET.");
    }

    /// <summary>A delegation speaks for a current Ally; a candidate delegation for a state that is not one.</summary>
    private static async Task<Refusal?> Scope(ConcordDbContext db, IReadOnlyList<Role> roles, MemberCode? nationality, CancellationToken ct)
    {
        var speaks = roles.Contains(Role.Delegation) || roles.Contains(Role.CandidateDelegation);
        if (!speaks) return null;
        if (nationality is not { } state)
            return Refusal.Unprocessable("A delegation speaks for one state: give its nationality, e.g. --nationality DEU.", "nationality");
        var ally = await db.Members.AnyAsync(m => m.Body == Body.Nato && m.Code == state.Value && m.Until == null, ct);
        if (roles.Contains(Role.Delegation) && !ally)
            return Refusal.Unprocessable($"A Delegation speaks for an Ally, and {state} is not a member of NATO.", "nationality");
        if (roles.Contains(Role.CandidateDelegation) && ally)
            return Refusal.Unprocessable($"A CandidateDelegation speaks for a state that is not yet an Ally, and {state} is a member of NATO: give it the Delegation role.", "nationality");
        return null;
    }
}
