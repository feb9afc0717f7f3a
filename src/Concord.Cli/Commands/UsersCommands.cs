using System.CommandLine;
using Concord.Domain;
using Concord.Features;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Spectre.Console;

namespace Concord.Cli.Commands;

/// <summary>
/// <c>concord users add-admin|add|list|roles|clearance|nationality|lock|unlock|remove|reset-password|reset-authenticator|sessions|revoke</c>:
/// accounts, their sign-in and their sessions, managed from the
/// host with the store's own credentials (recorded as <c>cli:USER</c>). <c>add-admin</c> is how the first
/// administrator comes to be: there is no default account and no default password.
/// </summary>
public static class UsersCommands
{
    public static Command Create(StoreChoice store, Terminal terminal) => new("users", "Manage accounts: who may sign in, with which roles, nationality and clearance.")
    {
        AddAdmin(store, terminal),
        Add(store, terminal),
        List(store, terminal),
        Roles(store, terminal),
        Clearance(store, terminal),
        Nationality(store, terminal),
        Change(store, terminal, "lock", "Lock an account: no sign-in, and its access tokens are refused, until it is unlocked.",
            (_, a, name, who, ct) => a.Lock(name, who, ct), v => $"{v.UserName} is locked: no sign-in and no access token works until `concord users unlock {v.UserName}`."),
        Change(store, terminal, "unlock", "Unlock an account and forget its failed sign-ins.",
            (_, a, name, who, ct) => a.Unlock(name, who, ct), v => $"{v.UserName} is unlocked."),
        Change(store, terminal, "remove", "Remove an account and its access tokens (what it did stays in the log).",
            (_, a, name, who, ct) => a.Remove(name, who, ct), v => $"Removed {v.UserName} and its access tokens."),
        ResetPassword(store, terminal),
        Aliased("reset-factor", Change(store, terminal, "reset-authenticator", "Remove an account's authenticator and recovery codes (a lost phone) and end its sessions.",
            (_, a, name, who, ct) => a.ResetAuthenticator(name, who, ct),
            v => $"{v.UserName} has no authenticator now and its sessions have ended; "
                + (v.Clearance > Marking.NatoRestricted ? "it sets up a new one at its next sign-in." : "it signs in with its password alone."))),
        Sessions(store, terminal),
        Revoke(store, terminal),
    };

    private static Argument<string> UserName() => new("USERNAME") { Description = "The account's user name, e.g. hans.mueller." };

    private static Option<string?> DisplayName() => new("--display-name") { Description = "The name shown beside the user name, e.g. \"Hans Müller (DEU)\".", HelpName = "NAME" };

    private static Command AddAdmin(StoreChoice store, Terminal terminal)
    {
        var (userName, displayName) = (UserName(), DisplayName());
        var command = new Command("add-admin", "Create an administrator (the first one, or another); the password is asked twice, or read from standard input.") { userName, displayName };
        command.SetAction((parse, ct) => AddAccount(store, terminal, parse, parse.GetValue(userName)!,
            [nameof(Role.Administrator)], null, null, parse.GetValue(displayName), ct));
        return command;
    }

    private static Command Add(StoreChoice store, Terminal terminal)
    {
        var (userName, displayName) = (UserName(), DisplayName());
        var role = new Option<string>("--role", "--roles")
        {
            Description = $"The account's roles, separated by commas: {string.Join(", ", Enum.GetNames<Role>())}.", Required = true, HelpName = "ROLES",
        };
        var nationality = new Option<string?>("--nationality") { Description = "The ISO 3166-1 alpha-3 code of the account's state, e.g. DEU (required for delegations).", HelpName = "CODE" };
        var clearance = new Option<string?>("--clearance") { Description = "The highest marking it may read, e.g. \"NATO RESTRICTED\" (default NATO UNCLASSIFIED).", HelpName = "MARKING" };
        var command = new Command("add", "Create an account; the password is asked twice, or read from standard input.") { userName, role, nationality, clearance, displayName };
        command.SetAction((parse, ct) => AddAccount(store, terminal, parse, parse.GetValue(userName)!, Split(parse.GetValue(role)),
            parse.GetValue(nationality), parse.GetValue(clearance), parse.GetValue(displayName), ct));
        return command;
    }

    private static Task<int> AddAccount(StoreChoice store, Terminal terminal, ParseResult parse, string userName, IReadOnlyList<string> roles,
        string? nationality, string? clearance, string? displayName, CancellationToken ct)
    {
        var (password, problem) = UsersAccounts.ReadPassword(terminal, userName);
        if (problem is not null) return Task.FromResult(terminal.Fail(problem));
        return UsersAccounts.Run(store, parse, terminal, async (s, accounts) =>
        {
            var created = await accounts.Create(new NewAccount(userName, password!, roles, nationality, clearance, displayName), s.Writer, ct);
            if (created.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            terminal.Say($"Created {Describe(created.Value!)}.");
            return ExitCodes.Ok;
        }, ct);
    }

    private static Command List(StoreChoice store, Terminal terminal)
    {
        var command = new Command("list", "Every account: roles, nationality, clearance, and whether it is locked.");
        command.SetAction((parse, ct) => UsersAccounts.Run(store, parse, terminal, async (s, accounts) =>
        {
            var listed = await accounts.List(s.Writer.Actor, ct);
            if (listed.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            if (listed.Value!.Count == 0) terminal.Say("No accounts. Create the first administrator with `concord users add-admin USERNAME`.");
            else terminal.Out.Write(Table(listed.Value!));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Roles(StoreChoice store, Terminal terminal)
    {
        var roles = new Argument<string>("ROLES") { Description = "Every role the account is to hold, separated by commas, e.g. Delegation,Analyst." };
        return Change(store, terminal, "roles", "Give an account exactly these roles.",
            (parse, a, name, who, ct) => a.SetRoles(name, Split(parse.GetValue(roles)), who, ct),
            v => $"{v.UserName} now holds {Words.List(v.Roles.Select(r => r.ToString()))}.", roles);
    }

    private static Command Clearance(StoreChoice store, Terminal terminal)
    {
        var marking = new Argument<string>("MARKING") { Description = "PUBLIC, \"NATO UNCLASSIFIED\", \"NATO RESTRICTED\", \"NATO CONFIDENTIAL\" or \"NATO SECRET\"." };
        return Change(store, terminal, "clearance", "Set the highest marking an account may read.",
            (parse, a, name, who, ct) => a.SetClearance(name, parse.GetValue(marking)!, who, ct),
            v => $"{v.UserName} is now cleared for {Classification.Words(v.Clearance)}.", marking);
    }

    private static Command Nationality(StoreChoice store, Terminal terminal)
    {
        var code = new Argument<string>("CODE") { Description = "The ISO 3166-1 alpha-3 code of the account's state, e.g. DEU, or none." };
        return Change(store, terminal, "nationality", "Set the state an account belongs to.",
            (parse, a, name, who, ct) => a.SetNationality(name, NoneIsNull(parse.GetValue(code)), who, ct),
            v => $"{v.UserName} now belongs to {v.Nationality ?? "no state"}.", code);
    }

    private static Command ResetPassword(StoreChoice store, Terminal terminal)
    {
        var userName = UserName();
        var generate = new Option<bool>("--generate") { Description = "Make a random password and print it, this once, instead of asking for one." };
        var command = new Command("reset-password", "Give an account a new password (asked twice, read from standard input, or generated) and end its sessions.")
        {
            userName, generate,
        };
        command.SetAction((parse, ct) =>
        {
            var name = parse.GetValue(userName)!;
            var generated = parse.GetValue(generate);
            var (password, problem) = generated ? (AccountService.NewPassword(), null) : UsersAccounts.ReadPassword(terminal, name);
            if (problem is not null) return Task.FromResult(terminal.Fail(problem));
            return UsersAccounts.Run(store, parse, terminal, async (s, accounts) =>
            {
                var reset = await accounts.ResetPassword(name, password, s.Writer, ct);
                if (reset.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
                if (generated) terminal.Say(password!);
                terminal.Say($"{reset.Value!.UserName} has a new password{(generated ? " (above: it will not be shown again)" : "")}; its sessions have ended"
                    + (reset.Value.Locked ? $". It is still locked: `concord users unlock {reset.Value.UserName}`." : "."));
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static Command Sessions(StoreChoice store, Terminal terminal)
    {
        var userName = UserName();
        var command = new Command("sessions", "An account's browser sessions and access tokens: when each began and was last used (never a secret).") { userName };
        command.SetAction((parse, ct) => UsersAccounts.Run(store, parse, terminal, async (s, accounts) =>
        {
            var name = parse.GetValue(userName)!;
            var sessions = await accounts.ListSessions(name, s.Writer.Actor, ct);
            if (sessions.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            var tokens = await accounts.ListTokens(name, s.Writer.Actor, ct);
            if (tokens.Refusal is { } notListed) return terminal.Fail(notListed.Reason);
            var now = s.Clock.GetCurrentInstant();
            var active = tokens.Value!.Where(t => t.Revoked is null && now < t.Expires).ToList();
            if (sessions.Value!.Count == 0) terminal.Say("No browser session.");
            else
            {
                var table = new Table().AddColumns("Session", "Started", "Last used", "Address", "Browser");
                foreach (var v in sessions.Value)
                    table.AddRow(v.Id, When(v.Started), When(v.LastSeen), Markup.Escape(v.Address ?? ""), Markup.Escape(v.Client ?? ""));
                terminal.Out.Write(table);
            }
            if (active.Count == 0) terminal.Say("No active access token.");
            else
            {
                var table = new Table().AddColumns("Token", "Name", "Created", "Expires", "Last used");
                foreach (var t in active)
                    table.AddRow(t.Prefix, Markup.Escape(t.Name), When(t.Created), When(t.Expires), t.LastUsed is { } used ? When(used) : "never");
                terminal.Out.Write(table);
            }
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Revoke(StoreChoice store, Terminal terminal)
    {
        var userName = UserName();
        var session = new Option<string?>("--session") { Description = "End this browser session (its id, as `concord users sessions` shows it).", HelpName = "ID" };
        var all = new Option<bool>("--all") { Description = "End every browser session of the account and revoke every active access token of it." };
        var command = new Command("revoke", "End an account's browser sessions and revoke its tokens: refused from their next request.") { userName, session, all };
        command.SetAction((parse, ct) =>
        {
            var (one, every) = (parse.GetValue(session), parse.GetValue(all));
            if ((one is null) == !every)
                return Task.FromResult(terminal.Fail("Give either --session ID (one session) or --all (every session and token); nothing was changed."));
            return UsersAccounts.Run(store, parse, terminal, async (s, accounts) =>
            {
                var revoked = await accounts.RevokeSessions(parse.GetValue(userName)!, one, s.Writer, ct);
                if (revoked.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
                var r = revoked.Value!;
                terminal.Say($"Ended {Count(r.Sessions.Count, "browser session")} of {r.UserName}"
                    + (every ? $" and revoked {Count(r.TokenPrefixes.Count, "access token")}" + (r.TokenPrefixes.Count > 0 ? $" ({string.Join(", ", r.TokenPrefixes)})" : "") : "") + ".");
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static Command Aliased(string alias, Command command)
    {
        command.Aliases.Add(alias);
        return command;
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private static string When(NodaTime.Instant instant) => NodaTime.Text.InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm 'UTC'").Format(instant);

    private delegate Task<Result<AccountView>> AccountChange(ParseResult parse, AccountService accounts, string userName, WriteContext who, CancellationToken ct);

    /// <summary>A command that changes one account and says in words what it now is.</summary>
    private static Command Change(StoreChoice store, Terminal terminal, string name, string description, AccountChange change,
        Func<AccountView, string> done, Argument<string>? value = null)
    {
        var userName = UserName();
        var command = new Command(name, description) { userName };
        if (value is not null) command.Add(value);
        command.SetAction((parse, ct) => UsersAccounts.Run(store, parse, terminal, async (s, accounts) =>
        {
            var changed = await change(parse, accounts, parse.GetValue(userName)!, s.Writer, ct);
            if (changed.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            terminal.Say(done(changed.Value!));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Table Table(IReadOnlyList<AccountView> accounts)
    {
        var table = new Table().AddColumns("User", "Display name", "Roles", "Nationality", "Clearance", "Authenticator", "Locked");
        foreach (var a in accounts)
            table.AddRow(Markup.Escape(a.UserName), Markup.Escape(a.DisplayName ?? ""), string.Join(", ", a.Roles), a.Nationality ?? "",
                Classification.Words(a.Clearance), a.Authenticator ? "enrolled" : a.Clearance > Marking.NatoRestricted ? "at next sign-in" : "", a.Locked ? "locked" : "");
        return table;
    }

    private static string Describe(AccountView a) =>
        $"{a.UserName}: {Words.List(a.Roles.Select(r => r.ToString()))}; nationality {a.Nationality ?? "none"}; clearance {Classification.Words(a.Clearance)}";

    internal static IReadOnlyList<string> Split(string? list) =>
        (list ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? NoneIsNull(string? text) => string.Equals(text?.Trim(), "none", StringComparison.OrdinalIgnoreCase) ? null : text;
}
