using System.Text.RegularExpressions;
using Concord.Features;
using Concord.Features.Assistance;

namespace Concord.Cli.Tests.Commands;

/// <summary>
/// <c>concord assistance</c> over a small ledger entered in the test: DEU-iris-t (4 systems, EUR 400, announced
/// 2023-01-10, promised by 2023-06-30; 2 delivered on 2023-03-01, 2 on 2023-08-09: 50 days to first, 211 to full, 40
/// days late) and USA-shells (100,000 rounds announced 2023-02-01; 30,000 on 2023-04-02: 60 days to first).
/// </summary>
public sealed partial class AssistanceCommandsTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task Ledger()
    {
        await using var s = await _store.Open();
        async Task Ok(Task<Result<PledgeView>> call) => Assert.Null((await call).Refusal);
        await Ok(AnnouncePledge.Handle(s.Db, s.Clock, new("DEU-iris-t", "DEU", "UKR", "2023-01-10", "airDefence", [new("IRIS-T SLM", 4, "systems")], new(400, "EUR"), "2023-06-30"), WriteContext.System, Ct));
        await Ok(DeliverPledge.Handle(s.Db, s.Clock, "DEU-iris-t", new("2023-03-01", [new("IRIS-T SLM", 2, "systems")]), WriteContext.System, Ct));
        await Ok(DeliverPledge.Handle(s.Db, s.Clock, "DEU-iris-t", new("2023-08-09", [new("IRIS-T SLM", 2, "systems")]), WriteContext.System, Ct));
        await Ok(AnnouncePledge.Handle(s.Db, s.Clock, new("USA-shells", "USA", "UKR", "2023-02-01", "ammunition155mm", [new("155 mm shells", 100_000, "rounds")]), WriteContext.System, Ct));
        await Ok(DeliverPledge.Handle(s.Db, s.Clock, "USA-shells", new("2023-04-02", [new("155 mm shells", 30_000, "rounds")]), WriteContext.System, Ct));
    }

    private static string Squeeze(string line) => Spaces().Replace(line, " ");

    [Fact]
    public async Task show_lists_each_pledge_with_its_status_delivered_and_outstanding_as_of_a_date()
    {
        await Ledger();

        var run = await _store.Run("assistance", "show", "--as-of", "2023-05-31");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("DEU-iris-t DEU 2023-01-10 inTransit 2 systems 2 systems", Squeeze(run.Line("DEU-iris-t")));
        Assert.Equal("USA-shells USA 2023-02-01 inTransit 30000 rounds 70000 rounds", Squeeze(run.Line("USA-shells")));
    }

    [Fact]
    public async Task show_a_pledge_gives_its_lines_days_to_delivery_and_history()
    {
        await Ledger();

        var run = await _store.Run("assistance", "show", "DEU-iris-t", "--as-of", "2023-05-31");
        var donor = await _store.Run("assistance", "show", "--donor", "USA");

        Assert.Equal("Status: inTransit since 2023-03-01", run.Line("Status:"));
        Assert.Equal("Value: EUR 400, outstanding EUR 400", run.Line("Value:"));
        Assert.Equal("Days to first delivery: 50; to full delivery: -", run.Line("Days to first"));
        Assert.Equal("IRIS-T SLM systems 4 2 2", Squeeze(run.Line("IRIS-T SLM")));
        Assert.Equal("2023-03-01 delivery (entered by system)", run.Line("2023-03-01"));
        Assert.DoesNotContain("DEU-iris-t", donor.Output, StringComparison.Ordinal);
        Assert.Contains("USA-shells", donor.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task delays_by_donor_give_the_median_days_to_first_delivery_and_the_missed_promise()
    {
        await Ledger();

        var run = await _store.Run("assistance", "delays", "--as-of", "2023-12-31");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("DEU 1 1 1 0 50 50 50 50 1 -", Squeeze(run.Line("DEU")));
        Assert.Equal("USA 1 1 0 0 60 60 60 60 0 70000 rounds 155 mm shells", Squeeze(run.Line("USA")));
        Assert.Equal("Late: DEU-iris-t delivered 2023-08-09, 40 days after the promised 2023-06-30.", run.Line("Late:"));
    }

    [Fact]
    public async Task delays_by_an_unknown_grouping_fail_with_the_choices()
    {
        await Ledger();

        var run = await _store.Run("assistance", "delays", "--by", "year");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--by must be one of donor, category, month", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task export_writes_the_ledger_as_csv_with_the_documented_header()
    {
        await Ledger();
        var path = _store.FilePath("ledger.csv");

        var run = await _store.Run("assistance", "export", path, "--format", "csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Wrote 2 pledges", run.Output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(path);
        Assert.Equal(string.Join(',', LedgerExport.Columns), lines[0]);
        Assert.StartsWith("DEU-iris-t,DEU,UKR,airDefence,2023-01-10,delivered,2023-08-09,IRIS-T SLM=4 systems,IRIS-T SLM=4 systems,IRIS-T SLM=0 systems,400,EUR,", lines[1], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
