namespace Concord.Features.Accounts;

/// <summary>Configuration section <c>Concord:Accounts</c>: lockout after failed sign-ins and the lifetime of access tokens.</summary>
public sealed record AccountsOptions
{
    /// <summary>Failed sign-ins in a row after which an account is locked out (default 5).</summary>
    public int MaxFailedAttempts { get; init; } = 5;

    /// <summary>How long a lockout after failed sign-ins lasts, in minutes (default 15).</summary>
    public int LockoutMinutes { get; init; } = 15;

    /// <summary>The lifetime of a personal access token when none is asked for, in days (default 90).</summary>
    public int TokenDays { get; init; } = 90;

    /// <summary>The longest lifetime a personal access token may be given, in days (default 366): every token expires.</summary>
    public int MaxTokenDays { get; init; } = 366;

    /// <summary>How long a browser session lasts without a request, in hours (default 8); each request extends it.</summary>
    public int SessionHours { get; init; } = 8;

    /// <summary>The shortest password accepted. Long passphrases, not character classes, make a password strong.</summary>
    public const int MinPasswordLength = 12;
}
