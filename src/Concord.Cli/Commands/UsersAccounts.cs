using Concord.Features.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Concord.Cli.Commands;

/// <summary>The account service over a store the CLI opened, and the password a command reads.</summary>
internal static class UsersAccounts
{
    /// <summary>Opens the store (migrated, seeded when empty, so a delegation's state can be checked) and runs <paramref name="work"/> on its accounts.</summary>
    public static Task<int> Run(StoreChoice store, System.CommandLine.ParseResult parse, Terminal terminal,
        Func<Store, AccountService, Task<int>> work, CancellationToken ct) =>
        store.Run(parse, terminal, async configuration =>
        {
            await using var s = await Store.Open(configuration, Seeding.WhenEmpty, ct);
            await using var services = Services(s, configuration);
            await using var scope = services.CreateAsyncScope();
            return await work(s, scope.ServiceProvider.GetRequiredService<AccountService>());
        });

    /// <summary>Opens the store only to read it (<see cref="Store.OpenReadOnly"/>) and runs <paramref name="work"/> on its accounts.</summary>
    public static Task<int> RunReadOnly(StoreChoice store, System.CommandLine.ParseResult parse, Terminal terminal,
        Func<Store, AccountService, Task<int>> work, CancellationToken ct) =>
        store.Run(parse, terminal, async configuration =>
        {
            await using var s = await Store.OpenReadOnly(configuration, ct);
            await using var services = Services(s, configuration);
            await using var scope = services.CreateAsyncScope();
            return await work(s, scope.ServiceProvider.GetRequiredService<AccountService>());
        });

    /// <summary>Identity and the <see cref="AccountService"/> over the store's own unit of work and clock.</summary>
    public static ServiceProvider Services(Store store, IConfiguration configuration)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(store.Db);
        services.AddSingleton(store.Clock);
        services.AddConcordAccounts(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The new account's password: asked twice, hidden, on a terminal; otherwise the first line of standard input, so
    /// a script can pipe it in (never as an argument, where it would show in the process list and the shell's history).
    /// </summary>
    public static (string? Password, string? Problem) ReadPassword(Terminal terminal, string userName)
    {
        if (!Console.IsInputRedirected && terminal.Error.Profile.Capabilities.Interactive)
        {
            var first = terminal.Error.Prompt(new TextPrompt<string>($"Password for {Markup.Escape(userName)} (at least {AccountsOptions.MinPasswordLength} characters):").Secret());
            var again = terminal.Error.Prompt(new TextPrompt<string>("The same password again:").Secret());
            return first == again ? (first, null) : (null, "The two passwords differ; nothing was changed.");
        }
        var line = Console.In.ReadLine();
        return line is null ? (null, "No password: type it when asked, or give it on the first line of standard input.") : (line.TrimEnd('\r'), null);
    }
}
