using Concord.Features.Forecasting;
using Concord.Features.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Concord.Web.Hosting;

/// <summary>One run of the backtest for one head of the log: running (origins done of all), done with its report, or failed.</summary>
public sealed class CalibrationRun(string head)
{
    private volatile BacktestReport? _report;
    private volatile bool _failed;
    private int _done, _total;

    public string Head => head;

    /// <summary>Completes when the run has its report or has failed; never faults.</summary>
    public Task Finished { get; internal set; } = Task.CompletedTask;

    public BacktestReport? Report { get => _report; internal set => _report = value; }

    public bool Failed { get => _failed; internal set => _failed = value; }

    public bool Running => Report is null && !Failed;

    public int Done => Volatile.Read(ref _done);

    public int Total => Volatile.Read(ref _total);

    internal void Progress(int done, int total)
    {
        Volatile.Write(ref _total, total);
        Volatile.Write(ref _done, done);
    }
}

/// <summary>
/// Runs the backtest of the accession forecast off the request path, once per head of the event log (its last event's hash,
/// which names everything recorded): a page asks for the current run and shows its progress until the report is in. A write
/// to the log makes the next ask start a new run; a run that failed is logged and started again by the next ask.
/// </summary>
public sealed class CalibrationRunner(IServiceScopeFactory scopes, IOptions<WebOptions> options, IHostApplicationLifetime lifetime, ILogger<CalibrationRunner> log)
{
    private readonly Lock _gate = new();
    private CalibrationRun? _run;

    /// <summary>The run for the log's current head, started when there is none yet (or the last one failed).</summary>
    public async Task<CalibrationRun> Current(CancellationToken ct)
    {
        string head;
        await using (var scope = scopes.CreateAsyncScope())
            head = await Backtest.Head(scope.ServiceProvider.GetRequiredService<ConcordDbContext>(), ct);
        lock (_gate)
        {
            if (_run is not { } run || run.Head != head || run.Failed)
                _run = run = Start(head);
            return run;
        }
    }

    private CalibrationRun Start(string head)
    {
        var run = new CalibrationRun(head);
        run.Finished = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                run.Report = await Backtest.Run(services.GetRequiredService<ConcordDbContext>(), services.GetRequiredService<IClock>(),
                    options.Value.BacktestStepDays, lifetime.ApplicationStopping, run.Progress);
            }
            catch (OperationCanceledException)
            {
                run.Failed = true;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "The backtest of the accession forecast failed");
                run.Failed = true;
            }
        });
        return run;
    }
}
