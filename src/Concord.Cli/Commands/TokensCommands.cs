using System.CommandLine;
using Concord.Features.Accounts;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Concord.Cli.Commands;

/// <summary>
/// <c>concord tokens issue USERNAME --name NAME [--days N]</c>, <c>tokens list [USERNAME]</c>, <c>tokens revoke PREFIX</c>:
/// personal access tokens for the API and scripts. A token's text is printed once, when it is issued; only its hash is kept.
/// </summary>
public static class TokensCommands
{
    public static Command Create(StoreChoice store, Terminal terminal) => new("tokens", "Issue, list and revoke personal access tokens.")
    {
        Issue(store, terminal),
        List(store, terminal),
        Revoke(store, terminal),
    };

    private static Command Issue(StoreChoice store, Terminal terminal)
    {
        var userName = new Argument<string>("USERNAME") { Description = "The account the token acts as." };
        var name = new Option<string>("--name") { Description = "What the token is for, e.g. the machine or script that uses it.", Required = true, HelpName = "NAME" };
        var days = new Option<int?>("--days") { Description = "How many days until it expires (default 90, from Concord:Accounts:TokenDays).", HelpName = "N" };
        var command = new Command("issue", "Issue a token and print it, this once.") { userName, name, days };
        command.SetAction((parse, ct) => UsersAccounts.Run(store, parse, terminal, async (s, accounts) =>
        {
            var issued = await accounts.IssueToken(parse.GetValue(userName)!, parse.GetValue(name)!, parse.GetValue(days), s.Writer, ct);
            if (issued.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            var t = issued.Value!;
            terminal.Say(t.Token);
            terminal.Say($"Issued token '{t.Name}' (prefix {t.Prefix}) to {t.UserName}; it expires {When(t.Expires)}.");
            terminal.Say("It will not be shown again: keep it now. Send it as the header 'Authorization: Bearer TOKEN'.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command List(StoreChoice store, Terminal terminal)
    {
        var userName = new Argument<string?>("USERNAME") { Description = "Only this account's tokens (default: every account's).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("list", "Every token, newest first: its prefix, account, name, expiry and last use (never its secret).") { userName };
        command.SetAction((parse, ct) => UsersAccounts.Run(store, parse, terminal, async (s, accounts) =>
        {
            var listed = await accounts.ListTokens(parse.GetValue(userName), s.Writer.Actor, ct);
            if (listed.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            if (listed.Value!.Count == 0) terminal.Say("No access tokens.");
            else terminal.Out.Write(Table(listed.Value!, s.Clock.GetCurrentInstant()));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Revoke(StoreChoice store, Terminal terminal)
    {
        var prefix = new Argument<string>("PREFIX") { Description = "The token's prefix (as `concord tokens list` shows it) or its id." };
        var command = new Command("revoke", "Revoke a token: it is refused from now on.") { prefix };
        command.SetAction((parse, ct) => UsersAccounts.Run(store, parse, terminal, async (s, accounts) =>
        {
            var revoked = await accounts.RevokeToken(parse.GetValue(prefix)!, s.Writer, ct);
            if (revoked.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            terminal.Say($"Revoked token '{revoked.Value!.Name}' (prefix {revoked.Value.Prefix}) of {revoked.Value.UserName}.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Table Table(IReadOnlyList<TokenView> tokens, Instant now)
    {
        var table = new Table().AddColumns("Prefix", "User", "Name", "Created", "Expires", "Last used", "State");
        foreach (var t in tokens)
            table.AddRow(t.Prefix, Markup.Escape(t.UserName), Markup.Escape(t.Name), When(t.Created), When(t.Expires),
                t.LastUsed is { } used ? When(used) : "never", t.Revoked is not null ? "revoked" : now >= t.Expires ? "expired" : "active");
        return table;
    }

    private static string When(Instant instant) => InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm 'UTC'").Format(instant);
}
