using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Tests.Commands;

public sealed class AuditCommandsTests : IDisposable
{
    private readonly TempStore _store = new(seeded: true);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task audit_verify_says_an_untouched_chain_is_intact_with_its_head_and_exits_0()
    {
        var run = await _store.Run("audit", "verify");
        var (count, head) = await Head();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Chain intact: {count} events, head #{count} {head}.", run.Output.Trim());
    }

    [Fact]
    public async Task audit_verify_names_the_altered_event_in_a_sentence_and_exits_1()
    {
        await _store.Run("audit", "verify");
        await Tamper("""UPDATE events SET "Payload" = "Payload" || ' ' WHERE "Position" = 12""");
        var row = await Row(12);

        var run = await _store.Run("audit", "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"Event #12 ({row.StreamId} v{row.StreamVersion}, {row.Name}) was altered: its hash does not match its content.", run.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task audit_verify_names_the_event_after_a_deleted_row()
    {
        await _store.Run("audit", "verify");
        var after = await Row(21);
        await Tamper("""DELETE FROM events WHERE "Position" = 20""");

        var run = await _store.Run("audit", "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"Event #21 ({after.StreamId} v{after.StreamVersion}, {after.Name}) follows a gap: event #20 is missing from the log.", run.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task audit_head_prints_position_colon_hash_that_expect_head_accepts()
    {
        var head = await _store.Run("audit", "head");
        var (count, hash) = await Head();

        var verify = await _store.Run("audit", "verify", "--expect-head", head.Output.Trim());

        Assert.Equal(0, head.ExitCode);
        Assert.Equal($"{count}:{hash}", head.Output.Trim());
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains($"it reaches the head kept elsewhere (#{count})", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task audit_verify_with_the_head_kept_elsewhere_detects_a_truncated_log_that_the_chain_alone_cannot()
    {
        var head = (await _store.Run("audit", "head")).Output.Trim();
        var (count, _) = await Head();
        await Tamper($"""DELETE FROM events WHERE "Position" > {count - 3}""");

        var alone = await _store.Run("audit", "verify");
        var anchored = await _store.Run("audit", "verify", "--expect-head", head);

        Assert.Equal(0, alone.ExitCode);
        Assert.Equal(1, anchored.ExitCode);
        Assert.Contains($"Event #{count} was removed: the log ends at #{count - 3}, but the head kept elsewhere is #{count}", anchored.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task audit_verify_refuses_a_head_that_is_not_position_colon_hash()
    {
        var run = await _store.Run("audit", "verify", "--expect-head", "12:abc");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'--expect-head' must be a head as `concord audit head` prints it", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task verify_uses_the_same_report_as_audit_verify()
    {
        await _store.Run("audit", "verify");
        await Tamper("""UPDATE events SET "RecordedBy" = 'someone else' WHERE "Position" = 7""");

        var run = await _store.Run("verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Event #7 (", run.Error, StringComparison.Ordinal);
        Assert.Contains("was altered", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task audit_list_shows_who_recorded_what_filtered_and_says_where_the_next_page_starts()
    {
        await _store.Run("audit", "verify");
        var row = await Row(1);

        var run = await _store.Run("audit", "list", "--actor", row.RecordedBy, "--event", row.Name, "--limit", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(row.RecordedBy, run.Output, StringComparison.Ordinal);
        Assert.Contains($"{row.StreamId} v{row.StreamVersion}", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"More: --after \d+", run.Output);
    }

    [Fact]
    public async Task audit_list_refuses_a_date_that_is_not_one_naming_the_option()
    {
        var run = await _store.Run("audit", "list", "--from", "last tuesday");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--from is not a date or instant", run.Error, StringComparison.Ordinal);
    }

    private async Task<(int Count, string Hash)> Head()
    {
        await using var open = await _store.Open();
        var ct = TestContext.Current.CancellationToken;
        var head = await open.Db.Events.OrderByDescending(e => e.Position).FirstAsync(ct);
        return (await open.Db.Events.CountAsync(ct), head.Hash);
    }

    private async Task<Features.EventLog.StoredEvent> Row(long position)
    {
        await using var open = await _store.Open();
        return await open.Db.Events.AsNoTracking().SingleAsync(e => e.Position == position, TestContext.Current.CancellationToken);
    }

    private async Task Tamper(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_store.Database};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
