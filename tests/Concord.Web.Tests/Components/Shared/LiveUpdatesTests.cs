using System.Net;
using Concord.Features;
using Concord.Features.Decisions;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using DecisionId = Concord.Domain.Decisions.DecisionId;

namespace Concord.Web.Tests.Components.Shared;

/// <summary>
/// What makes pages live: the log watcher that every open page listens to. It reads the shared store, so it hears
/// writes made through this host and through any other process on the same database.
/// </summary>
public sealed class LiveUpdatesTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LogWatcher Watcher => factory.Services.GetRequiredService<LogWatcher>();

    /// <summary>Subscribes, runs <paramref name="write"/>, and returns the head heard next (the background poll or ours).</summary>
    private async Task<(long Before, long Heard)> HeadHeardAfter(Func<Task> write)
    {
        await Watcher.Poll(Ct);
        var before = Watcher.Head;
        var heard = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnGrew(long head) => heard.TrySetResult(head);
        Watcher.Grew += OnGrew;
        try
        {
            await write();
            await Watcher.Poll(Ct);
            return (before, await heard.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        }
        finally { Watcher.Grew -= OnGrew; }
    }

    [Fact]
    public async Task a_position_recorded_by_another_user_reaches_every_open_page()
    {
        var client = factory.Delegation("DEU");
        await factory.OpenInvitation();

        var (before, heard) = await HeadHeardAfter(async () =>
        {
            using var response = await client.PostJson($"/api/v1/decisions/{ApiCalls.OpenInvitation}/positions", new { member = "DEU", kind = "concur" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });

        Assert.True(heard > before);
    }

    [Fact]
    public async Task a_write_by_another_instance_sharing_the_store_is_heard_too()
    {
        var options = new DbContextOptionsBuilder<SqliteConcordDbContext>().UseSqlite($"Data Source={factory.DatabasePath}").Options;
        await factory.OpenInvitation();

        var (before, heard) = await HeadHeardAfter(async () =>
        {
            await using var elsewhere = new SqliteConcordDbContext(options);
            var result = await RecordPosition.Handle(elsewhere, factory.Clock, DecisionId.Parse(ApiCalls.OpenInvitation),
                new RecordPosition.Request("USA", "concur"), new WriteContext("other-instance"), Ct);
            Assert.Null(result.Refusal);
        });

        Assert.True(heard > before);
    }

    [Fact]
    public async Task a_quiet_log_wakes_nobody()
    {
        await Watcher.Poll(Ct);
        var raised = 0;
        void OnGrew(long _) => raised++;
        Watcher.Grew += OnGrew;
        try
        {
            Assert.False(await Watcher.Poll(Ct));
            Assert.Equal(0, raised);
        }
        finally { Watcher.Grew -= OnGrew; }
    }
}
