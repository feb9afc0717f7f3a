using Concord.Features.Access;

namespace Concord.Web.Components.Layout;

/// <summary>An account's roles as the app bar names them: "Delegation of DEU", "Secretariat".</summary>
public static class AccountWords
{
    public static string Role(Role role, Reader reader) => role switch
    {
        Features.Access.Role.Delegation => reader.Nationality is { } n ? $"Delegation of {n.Value}" : "Delegation",
        Features.Access.Role.CandidateDelegation => reader.Nationality is { } n ? $"Candidate delegation of {n.Value}" : "Candidate delegation",
        _ => role.ToString(),
    };

    public static string Roles(Reader reader) => string.Join(", ", reader.Roles.Order().Select(r => Role(r, reader)));
}
