using Concord.Domain;
using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Concord.Features.Accounts;

/// <summary>
/// An account (ASP.NET Core Identity, in the same database as the log). Roles are Identity roles named after
/// <see cref="Access.Role"/>; the nationality scopes a delegation; the clearance bounds what it reads.
/// </summary>
public sealed class ConcordUser : IdentityUser
{
    /// <summary>The name shown in the audit trail beside the account's user name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>ISO 3166-1 alpha-3 code of the state the account belongs to, e.g. "DEU" for Germany's delegation.</summary>
    public string? Nationality { get; set; }

    /// <summary>The highest marking the account may read.</summary>
    public Marking Clearance { get; set; } = Marking.NatoUnclassified;
}

/// <summary>
/// A personal access token for the API and the CLI. Only a SHA-256 hash of the secret is stored; <see cref="Prefix"/>
/// (the token's first characters, not secret) finds the row. Revocable; always expires.
/// </summary>
public sealed class PersonalAccessToken
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    public required Instant Created { get; set; }
    public required Instant Expires { get; set; }
    public Instant? Revoked { get; set; }
    public Instant? LastUsed { get; set; }
}
