using Concord.Features.EventLog;

namespace Concord.Features.Tests.EventLog;

/// <summary>Answers are kept only for a store a watcher follows, and only until the log or the read models move.</summary>
public sealed class LogHeadsTests
{
    private static string NewStore() => "Data Source=/nowhere/" + Guid.NewGuid().ToString("N") + ".db";

    [Fact]
    public void a_store_no_watcher_follows_keeps_no_answers()
    {
        var store = NewStore();
        LogHeads.Changed(store);
        LogHeads.Polled(store, 10);

        Assert.Null(LogHeads.StampOf(store));
    }

    [Fact]
    public void the_stamp_moves_when_this_process_writes_and_when_a_poll_finds_the_log_grown_and_not_otherwise()
    {
        var store = NewStore();
        using var watching = LogHeads.Watch(store);
        LogHeads.Polled(store, 10);
        var stamp = LogHeads.StampOf(store);

        LogHeads.Polled(store, 10);
        Assert.Equal(stamp, LogHeads.StampOf(store));
        LogHeads.Polled(store, 11);
        var grown = LogHeads.StampOf(store);
        Assert.NotEqual(stamp, grown);
        LogHeads.Changed(store);
        Assert.NotEqual(grown, LogHeads.StampOf(store));
    }

    [Fact]
    public void when_the_last_watcher_stops_the_store_keeps_no_answers_and_a_new_watcher_starts_afresh()
    {
        var store = NewStore();
        var first = LogHeads.Watch(store);
        var stamp = LogHeads.StampOf(store);
        first.Dispose();
        first.Dispose();
        Assert.Null(LogHeads.StampOf(store));

        using var second = LogHeads.Watch(store);
        Assert.NotEqual(stamp, LogHeads.StampOf(store));
    }
}
