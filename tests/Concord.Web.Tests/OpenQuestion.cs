using Concord.Features;
using Concord.Features.Decisions;
using Concord.Features.Importing;
using Concord.Features.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Concord.Web.Tests;

/// <summary>
/// The invitation question as it stood before Washington, on a decision of its own (<see cref="Id"/>):
/// opened at Vilnius (2023-07-11), due at the Washington summit, PUBLIC like the data pack, with the shipped positions of 2024-04-05. The shipped
/// decision concluded on 2024-07-11 and takes no more positions, so tests that record positions on that question record
/// them here.
/// </summary>
public static class OpenQuestion
{
    /// <summary>Its id.</summary>
    public const string Id = "invite-ukraine-open-question";

    /// <summary>Opens it in the host whose services are <paramref name="services"/>, once (a second call finds it); through the use cases a user's writes go through.</summary>
    public static async Task<string> Open(IServiceProvider services)
    {
        var ct = TestContext.Current.CancellationToken;
        var id = Domain.Decisions.DecisionId.Parse(Id);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<IClock>();
        if (await CurrentDecisions.Load(db, id, ct) is not null) return id.Value;
        var opened = await OpenDecision.Handle(db, clock,
            new OpenDecision.Request(id.Value, "Invite Ukraine to join the Alliance (open question)", null, null, "washington-2024", null, null, "2023-07-11", "PUBLIC"),
            new WriteContext("test"), ct);
        Assert.Null(opened.Refusal);
        using var file = File.OpenText(Path.Combine(Seeder.DefaultDataDirectory(), "nato", "scenario_washington_2024.csv"));
        var report = await ImportPositions.Handle(db, clock, file, id, new WriteContext("test"), ct);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        return id.Value;
    }
}
