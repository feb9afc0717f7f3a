using System.CommandLine;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Concord.Cli.Commands;

/// <summary><c>concord serve [--urls URL]</c>: the web host and its API over the chosen store, seeded on first run.</summary>
public static class ServeCommand
{
    public static Command Create(StoreChoice store, Terminal terminal)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5081 (default: ASPNETCORE_URLS, else http://localhost:5080).", HelpName = "URL" };
        var command = new Command("serve", "Run the web application and its HTTP API.") { urls };
        command.SetAction((parse, ct) => store.Run(parse, terminal, async _ =>
        {
            string[] args = parse.GetValue(urls) is { } u ? ["--urls", u] : [];
            var app = Build(args, store.Overrides(parse));
            await StoreSetup.Prepare(app.Services, ct);
            await app.RunAsync(ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?> overrides)
    {
        try
        {
            return ConcordWebApp.Build(args, b => b.Configuration.AddInMemoryCollection(overrides));
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationProblem(e.Message, e);
        }
    }
}
