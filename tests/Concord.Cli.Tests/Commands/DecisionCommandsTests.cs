namespace Concord.Cli.Tests.Commands;

public sealed class DecisionCommandsTests : IDisposable
{
    private const string Ukraine = "invite-ukraine-washington-2024";
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task show_on_a_fresh_store_seeds_it_and_says_the_ukraine_invitation_lapsed_at_washington_blocked_as_reported()
    {
        var run = await _store.Run("decision", "show", Ukraine);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("lapsed", run.Line("Outcome"), StringComparison.Ordinal);
        Assert.Equal("Blocking            DEU, HUN, SVK, USA", run.Line("Blocking"));
        Assert.StartsWith("Closed              2024-07-11 · as recorded from: S34", run.Line("Closed"), StringComparison.Ordinal);
        Assert.Contains("Closed without consensus on 2024-07-11. Blocked, as reported:", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task show_as_of_2024_04_05_says_blocked_as_reported_with_each_allys_confidence()
    {
        var run = await _store.Run("decision", "show", Ukraine, "--as-of", "2024-04-05");

        Assert.Contains("blocked", run.Line("Outcome"), StringComparison.Ordinal);
        Assert.Contains("Blocked, as reported: Germany and the United States (reported), Hungary and Slovakia", run.Output, StringComparison.Ordinal);
        Assert.Contains("reported", run.Line("│ DEU"), StringComparison.Ordinal);
        Assert.Contains("claimed", run.Line("│ BEL"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task show_lists_every_eligible_ally_with_its_position_source_and_effective_date()
    {
        var run = await _store.Run("decision", "show", Ukraine);

        var germany = run.Line("│ DEU");
        Assert.Contains("Germany", germany, StringComparison.Ordinal);
        Assert.Contains("object", germany, StringComparison.Ordinal);
        Assert.Contains("2024-04-05", germany, StringComparison.Ordinal);
        Assert.Equal(32, run.Output.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^│ [A-Z]{3}  ")));
        // Each source written out from its record: the report the positions cite, with its publisher, title, date and address.
        Assert.Contains("up-2024-04-05-stefanishyna: Ukrainska Pravda", run.Output, StringComparison.Ordinal);
        Assert.Contains("https://www.pravda.com.ua/eng/news/2024/04/5/7449949/", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task show_known_on_a_day_says_so_and_leaves_out_the_conclusion_and_sources_published_later()
    {
        var known = await _store.Run("decision", "show", Ukraine, "--known-on", "2024-05-01");
        var bad = await _store.Run("decision", "show", Ukraine, "--known-on", "01/05/2024");

        Assert.Equal(0, known.ExitCode);
        Assert.Contains("as known on 2024-05-01 (nothing published later)", known.Output, StringComparison.Ordinal);
        Assert.Contains("blocked", known.Line("Outcome"), StringComparison.Ordinal);
        Assert.DoesNotContain("S34", known.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("g-novosti", known.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--known-on", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task show_as_of_the_first_of_january_2024_says_pending_before_any_ally_had_spoken()
    {
        var run = await _store.Run("decision", "show", Ukraine, "--as-of", "2024-01-01");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("pending", run.Line("Outcome"), StringComparison.Ordinal);
        Assert.Equal("Blocking            none", run.Line("Blocking"));
        Assert.Contains("as of 2024-01-01 23:59", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task show_of_an_unknown_decision_says_so_on_stderr_and_exits_1()
    {
        var run = await _store.Run("decision", "show", "no-such-decision");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("There is no decision 'no-such-decision'.", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task show_with_an_as_of_that_is_not_a_date_says_so_without_a_stack_trace()
    {
        var run = await _store.Run("decision", "show", Ukraine, "--as-of", "2024-13-45");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'--as-of' is not a date or instant: '2024-13-45'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_store.Database), "A refused command must not create a store.");
    }

    [Fact]
    public async Task show_of_an_id_that_cannot_be_a_decision_id_says_what_one_looks_like()
    {
        var run = await _store.Run("decision", "show", "Not An Id");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not a decision id", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task list_shows_the_ukraine_invitation_lapsed_with_the_allies_that_blocked_it()
    {
        var run = await _store.Run("decision", "list");

        Assert.Equal(0, run.ExitCode);
        var row = run.Line($"│ {Ukraine}");
        Assert.Contains("lapsed", row, StringComparison.Ordinal);
        Assert.Contains("DEU, HUN, SVK, USA", row, StringComparison.Ordinal);
    }
}
