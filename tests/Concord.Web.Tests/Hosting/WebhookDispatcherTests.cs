using System.Net;
using System.Net.Http.Headers;
using Concord.Features;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Following;
using Concord.Features.Following.Webhooks;
using Concord.Features.Storage;
using Concord.Tests;
using Concord.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Concord.Web.Tests.Hosting;

/// <summary>
/// The dispatcher as it runs: the web app as a process of its own, killed while a delivery is in flight and started
/// again on the same store, sending to a receiver on loopback (allowed by configuration) that checks each signature.
/// </summary>
public sealed class WebhookDispatcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_receiver_gets_every_change_at_least_once_and_processes_none_twice_when_the_server_is_killed_mid_delivery_and_restarted()
    {
        var folder = Directory.CreateTempSubdirectory("concord-webhooks-");
        try
        {
            var database = Path.Combine(folder.FullName, "concord.db");
            await SeededStore.CopyTo(database);
            await using var receiver = await WebhookReceiver.Start();
            var token = await Prepare(database, receiver);
            var cutOff = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var restarted = false;
            // The first delivery is held open until the server dies under it; after the restart every delivery is acknowledged.
            receiver.Answer = async (got, aborted) =>
            {
                if (Volatile.Read(ref restarted)) return 200;
                cutOff.TrySetResult(got.DeliveryId!);
                await Task.Delay(Timeout.Infinite, aborted);
                return 200;
            };
            var environment = new Dictionary<string, string?>
            {
                ["ConnectionStrings__Concord"] = $"Data Source={database}",
                ["Concord__RateLimits__WritesPerMinute"] = "100000",
                ["Concord__Webhooks__AllowPrivateNetworks"] = "true",
                ["Concord__Webhooks__IntervalSeconds"] = "0.2",
                ["Concord__Webhooks__AttemptSeconds"] = "6",
                ["Concord__Webhooks__FirstRetrySeconds"] = "1",
            };
            var ids = Enumerable.Range(1, 5).Select(i => $"hooked-{i}-" + Guid.NewGuid().ToString("N")[..6]).ToList();

            var firstUrl = $"http://127.0.0.1:{ConcordProcess.FreePort()}";
            await using (var first = ConcordProcess.Start(ConcordProcess.Web, ["--urls", firstUrl], environment))
            {
                await first.Healthy(firstUrl, TimeSpan.FromSeconds(120));
                using var http = new HttpClient { BaseAddress = new Uri(firstUrl), Timeout = TimeSpan.FromSeconds(30) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                foreach (var id in ids)
                {
                    using var opened = await http.PostJson("/api/v1/decisions", new { id, subject = "Followed " + id });
                    Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
                }
                await cutOff.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
                // Disposing kills the process (and only it) while the receiver still holds the request open.
            }
            Volatile.Write(ref restarted, true);

            var secondUrl = $"http://127.0.0.1:{ConcordProcess.FreePort()}";
            await using var second = ConcordProcess.Start(ConcordProcess.Web, ["--urls", secondUrl], environment);
            await second.Healthy(secondUrl, TimeSpan.FromSeconds(120));
            var expected = await EntryIds(database, ids);
            // A bound on liveness (the dead instance's lease lapses, then the backoff of the attempt cut off), not a measure of speed.
            await receiver.Until(_ => expected.All(receiver.Processed.ContainsKey), TimeSpan.FromSeconds(90), "every change");

            Assert.All(receiver.Received, r => Assert.True(r.SignatureValid));
            Assert.Equal(expected.Order(), receiver.Processed.Keys.Order());
            Assert.All(receiver.Processed.Values, times => Assert.Equal(1, times));
            // The delivery cut off was sent again, under the same id and with the same body: the receiver acknowledged it and did not process it again.
            var cut = await cutOff.Task;
            var resent = receiver.Received.Where(r => r.DeliveryId == cut).ToList();
            Assert.True(resent.Count >= 2, $"The delivery cut off was received {resent.Count} time(s).");
            Assert.Single(resent.Select(r => r.Json.GetProperty("title").GetString()).Distinct());
            Assert.Equal(expected[0], cut);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A secretariat account with a token, and a webhook of decisions acting as it, written by a host that is built, never run.</summary>
    private static async Task<string> Prepare(string database, WebhookReceiver receiver)
    {
        await using var host = ConcordWebApp.Build([$"--ConnectionStrings:Concord=Data Source={database}", "--Concord:SeedOnFirstRun=false", "--Concord:Webhooks:AllowPrivateNetworks=true"]);
        var user = await TestAccounts.Ensure(host.Services, new TestAccount("secretariat-hooked", Role.Secretariat, null, Domain.Marking.NatoSecret, null));
        var token = await TestAccounts.Token(host.Services, user, SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(1));
        await using var scope = host.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<WebhookService>()
            .Register(new WebhookRequest(receiver.Url, ["decision"], user.UserName), new Uri("http://concord.test/"), WriteContext.System, Ct);
        Assert.Null(registered.Refusal);
        receiver.Secret = registered.Value!.Secret;
        return token;
    }

    /// <summary>The entry ids of the decisions' openings, in log order.</summary>
    private static async Task<List<string>> EntryIds(string database, IReadOnlyList<string> ids)
    {
        await using var db = new SqliteConcordDbContext(new DbContextOptionsBuilder<SqliteConcordDbContext>().UseSqlite($"Data Source={database}").Options);
        var streams = ids.Select(id => StreamIds.DecisionPrefix + id).ToList();
        var events = await db.Events.AsNoTracking().Where(e => streams.Contains(e.StreamId)).OrderBy(e => e.Position).ToListAsync(Ct);
        Assert.Equal(ids.Count, events.Count);
        return [.. events.Select(Feeds.EntryId)];
    }
}
