using System.Collections.Concurrent;
using System.Data.Common;
using Concord.Features.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Web.Tests.Api;

/// <summary>
/// Reads of what stands now come from the read models: the SQL a request sends is caught by an EF command interceptor,
/// and none of it reads the events table. Reading the past (as of a date before the latest event) does replay, which shows
/// the interceptor sees it.
/// </summary>
public sealed class ReadsWithoutReplayTests(ReadsWithoutReplayTests.Factory factory) : IClassFixture<ReadsWithoutReplayTests.Factory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_current_decision_the_decision_list_and_the_dashboard_send_no_query_to_the_events_table()
    {
        var client = factory.CreateClient();
        await client.GetAsync("/health", Ct);
        factory.Commands.Clear();

        foreach (var path in new[] { $"/api/v1/decisions/{ApiCalls.UkraineInvitation}", "/api/v1/decisions", "/" })
            Assert.True((await client.GetAsync(path, Ct)).IsSuccessStatusCode, path);

        var paths = factory.Commands.Select(c => c.Path).ToHashSet();
        Assert.Contains("/api/v1/decisions", paths);
        Assert.Contains("/", paths);
        Assert.Empty(factory.Commands.Where(c => c.ReadsEvents).Select(c => $"{c.Path}: {c.Sql}"));
    }

    [Fact]
    public async Task the_current_accession_and_the_accession_list_send_no_query_to_the_events_table()
    {
        var client = factory.CreateClient();
        await client.GetAsync("/health", Ct);
        factory.Commands.Clear();

        foreach (var path in new[] { "/api/v1/accessions/FIN", "/api/v1/accessions/UKR", "/api/v1/accessions", "/accessions", "/accessions/FIN" })
            Assert.True((await client.GetAsync(path, Ct)).IsSuccessStatusCode, path);

        var paths = factory.Commands.Select(c => c.Path).ToHashSet();
        Assert.Contains("/api/v1/accessions/FIN", paths);
        Assert.Contains("/api/v1/accessions", paths);
        Assert.Empty(factory.Commands.Where(c => c.ReadsEvents).Select(c => $"{c.Path}: {c.Sql}"));
    }

    [Fact]
    public async Task an_accession_as_of_a_date_before_its_latest_step_is_folded_from_its_events()
    {
        var client = factory.CreateClient();
        factory.Commands.Clear();

        Assert.True((await client.GetAsync("/api/v1/accessions/FIN?asOf=2022-12-31", Ct)).IsSuccessStatusCode);

        Assert.Contains(factory.Commands, c => c.ReadsEvents);
    }

    [Fact]
    public async Task a_decision_as_of_a_past_date_is_folded_from_its_events()
    {
        var client = factory.CreateClient();
        factory.Commands.Clear();

        Assert.True((await client.GetAsync($"/api/v1/decisions/{ApiCalls.UkraineInvitation}?asOf=2024-03-01", Ct)).IsSuccessStatusCode);

        Assert.Contains(factory.Commands, c => c.ReadsEvents);
    }

    /// <summary>A command sent while a request was being served: the request's path and the SQL.</summary>
    public sealed record Sent(string Path, string Sql)
    {
        public bool ReadsEvents => Sql.Contains("\"events\"", StringComparison.Ordinal);
    }

    public sealed class Factory : ConcordFactory
    {
        public ConcurrentQueue<Sent> Commands { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddHttpContextAccessor();
                services.ConfigureDbContext<SqliteConcordDbContext>((sp, options) =>
                    options.AddInterceptors(new Recorder(sp.GetRequiredService<IHttpContextAccessor>(), Commands)));
            });
        }
    }

    /// <summary>Keeps the SQL of every command sent during a request (the background log watcher has no request and is left out).</summary>
    private sealed class Recorder(IHttpContextAccessor http, ConcurrentQueue<Sent> sent) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Keep(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Keep(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Keep(command);
            return base.ReaderExecuting(command, eventData, result);
        }

        private void Keep(DbCommand command)
        {
            if (http.HttpContext is { } context) sent.Enqueue(new Sent(context.Request.Path.Value ?? "", command.CommandText));
        }
    }
}
