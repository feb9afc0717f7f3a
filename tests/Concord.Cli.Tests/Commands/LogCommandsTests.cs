using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Tests.Commands;

public sealed class LogCommandsTests : IDisposable
{
    private readonly TempStore _source = new(seeded: true);
    private readonly TempStore _target = new();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    [Fact]
    public async Task export_then_import_log_into_a_fresh_store_reproduces_every_event_and_hash()
    {
        var exported = _source.FilePath("log.jsonl");
        var reexported = _target.FilePath("log.jsonl");

        var export = await _source.Run("export", exported);
        var import = await _target.Run("import", "log", exported);
        await _target.Run("export", reexported);

        Assert.Equal(0, export.ExitCode);
        Assert.Equal(0, import.ExitCode);
        var lines = await File.ReadAllLinesAsync(exported, TestContext.Current.CancellationToken);
        Assert.NotEmpty(lines);
        Assert.Equal(lines, await File.ReadAllLinesAsync(reexported, TestContext.Current.CancellationToken));
        Assert.Contains($"Imported {lines.Length} events", import.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await _target.Run("verify")).ExitCode);
    }

    [Fact]
    public async Task an_export_file_is_created_readable_by_its_owner_only()
    {
        var exported = _source.FilePath("log.jsonl");

        var export = await _source.Run("export", exported);

        Assert.Equal(0, export.ExitCode);
        if (OperatingSystem.IsWindows()) Assert.Skip("Unix file modes");
        else Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(exported));
    }

    [Fact]
    public async Task an_export_for_an_observer_leaves_out_a_restricted_position_and_every_event_betraying_it()
    {
        var positions = _source.FilePath("restricted.csv");
        await File.WriteAllTextAsync(positions, "ally_iso3,position,effective_date,classification\nFRA,object,2024-06-01,NATO RESTRICTED\n", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await _source.Run("import", "positions", positions, "--decision", "invite-ukraine-washington-2024")).ExitCode);
        var all = _source.FilePath("all.jsonl");
        var observed = _source.FilePath("observer.jsonl");

        await _source.Run("export", all);
        var run = await _source.Run("export", observed, "--clearance", "PUBLIC", "--role", "observer");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("cannot be imported as a chain", run.Output, StringComparison.Ordinal);
        Assert.Contains(await File.ReadAllLinesAsync(all, TestContext.Current.CancellationToken), l => l.Contains("NATO RESTRICTED", StringComparison.Ordinal));
        var stream = (await File.ReadAllLinesAsync(observed, TestContext.Current.CancellationToken))
            .Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("streamId").GetString() == "decision-invite-ukraine-washington-2024")
            .Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(["DecisionOpened"], stream);
    }

    [Fact]
    public async Task an_export_for_an_account_that_does_not_exist_is_refused()
    {
        var run = await _source.Run("export", _source.FilePath("x.jsonl"), "--for", "nobody");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("There is no account 'nobody'.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_log_rebuilds_the_read_models_so_decisions_read_the_same()
    {
        var exported = _source.FilePath("log.jsonl");
        await _source.Run("export", exported);

        await _target.Run("import", "log", exported);

        Assert.Equal((await _source.Run("decision", "list")).Output, (await _target.Run("decision", "list")).Output);
    }

    [Fact]
    public async Task import_log_into_a_store_that_has_events_is_refused_and_adds_nothing()
    {
        var exported = _source.FilePath("log.jsonl");
        await _source.Run("export", exported);
        var before = await EventCount(_source);

        var run = await _source.Run("import", "log", exported);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("a log can only be imported into an empty store", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await EventCount(_source));
    }

    [Fact]
    public async Task import_log_of_a_file_that_is_not_an_export_is_refused_and_leaves_the_store_empty()
    {
        var file = _target.WriteFile("not-a-log.jsonl", "country,iso_alpha3\nFrance,FRA\n");

        var run = await _target.Run("import", "log", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not a Concord export", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await EventCount(_target));
    }

    [Fact]
    public async Task export_without_a_file_writes_one_json_event_per_line_to_stdout()
    {
        var run = await _source.Run("export");

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(await EventCount(_source), lines.Length);
        Assert.All(lines, line => Assert.Equal(64, JsonDocument.Parse(line).RootElement.GetProperty("hash").GetString()!.Length));
    }

    [Fact]
    public async Task verify_says_an_untouched_chain_is_intact()
    {
        var run = await _source.Run("verify");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Chain intact: \d+ events, head #\d+ [0-9a-f]{64}\.", run.Output);
    }

    [Fact]
    public async Task verify_names_the_event_that_was_altered_and_exits_1()
    {
        await _source.Run("verify");
        await Tamper(_source, "UPDATE events SET Payload = Payload || ' ' WHERE Position = 5");

        var run = await _source.Run("verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"Event #5 \(\S+ v\d+, \w+\) was altered", run.Error);
    }

    [Fact]
    public async Task rebuild_projects_the_read_models_again_from_every_event()
    {
        await _source.Run("verify");
        await Tamper(_source, "DELETE FROM decisions");

        var run = await _source.Run("rebuild");
        var list = await _source.Run("decision", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Rebuilt the read models from {await EventCount(_source)} events.", run.Output, StringComparison.Ordinal);
        Assert.Contains("invite-ukraine-washington-2024", list.Output, StringComparison.Ordinal);
    }

    private static async Task<int> EventCount(TempStore store)
    {
        await using var open = await store.Open();
        return await open.Db.Events.CountAsync(TestContext.Current.CancellationToken);
    }

    private static async Task Tamper(TempStore store, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={store.Database};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
