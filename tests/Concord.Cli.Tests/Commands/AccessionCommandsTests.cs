using System.Text.RegularExpressions;

namespace Concord.Cli.Tests.Commands;

public sealed class AccessionCommandsTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task show_finland_as_of_the_first_of_march_2023_marks_hungary_and_turkiye_pending_and_says_so()
    {
        var run = await _store.Run("accession", "show", "FIN", "--as-of", "2023-03-01");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("As of 2023-03-01, 28 of 30 Parties had ratified (2 of them as reported, 1 derived); Hungary and Türkiye pending for 239 days.", run.Output, StringComparison.Ordinal);
        Assert.Equal(["HUN", "TUR"], PartyRows(run).Where(r => r.Contains("pending", StringComparison.Ordinal)).Select(r => r[2..5]));
        Assert.Contains("239 so far", run.Line("│ HUN"), StringComparison.Ordinal);
        Assert.Equal("Pending           Hungary (HUN), Türkiye (TUR): 239 days since the signature", run.Line("Pending"));
        Assert.Equal("Entry into force  not yet", run.Line("Entry into force"));
        Assert.Empty(run.Error);
    }

    [Theory]
    [InlineData("MKD", "2020-03-18", "As of 2020-03-18, 3 of 29 Parties had ratified (3 of them as reported); for 26 Parties the sources date", 26)]
    [InlineData("MNE", "2017-06-04", "As of 2017-06-04, 6 of 28 Parties had ratified (4 of them as reported, 2 derived); for 22 Parties the sources date", 22)]
    public async Task show_of_an_accession_whose_dates_the_sources_lack_names_no_party_pending_and_counts_those_not_known(
        string candidate, string asOf, string summary, int notKnown)
    {
        var run = await _store.Run("accession", "show", candidate, "--as-of", asOf);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Contains(summary, run.Output, StringComparison.Ordinal);
        Assert.Equal("Pending           none", run.Line("Pending"));
        Assert.Equal(notKnown, PartyRows(run).Count(r => r.Contains("not known", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task show_finland_gives_every_party_its_ratification_date_and_days_since_signature()
    {
        var run = await _store.Run("accession", "show", "FIN");

        Assert.Equal(30, PartyRows(run).Count);
        Assert.DoesNotContain(PartyRows(run), r => r.Contains("pending", StringComparison.Ordinal));
        var usa = run.Line("│ USA");
        Assert.Contains("2022-08-09", usa, StringComparison.Ordinal);
        Assert.Contains("│ 35 ", usa, StringComparison.Ordinal);
        Assert.Contains("parliamentaryApproval", usa, StringComparison.Ordinal);
        Assert.Contains("headOfStateSignature", run.Output, StringComparison.Ordinal);
        Assert.Contains("2023-04-04", run.Line("│ TUR"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task show_finland_says_it_is_a_member_since_2023_04_04_with_turkiye_the_last_ratifier()
    {
        var run = await _store.Run("accession", "show", "fin");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Finland has been an Ally since 2023-04-04.", run.Output, StringComparison.Ordinal);
        Assert.Equal("Member since      2023-04-04", run.Line("Member since"));
        Assert.Equal("Entry into force  2023-04-04", run.Line("Entry into force"));
        Assert.Equal("Last ratifier     Türkiye (TUR), 2023-03-30", run.Line("Last ratifier"));
        Assert.StartsWith("Critical path     Türkiye (TUR) ratified 2023-03-30: 3 days after Hungary, alone holding up completion", run.Line("Critical path"), StringComparison.Ordinal);
        Assert.Matches(@"^Days to ratify    median \d+(\.\d)?, fastest 0, slowest \d+ \(over 30 Parties with exact dates\)$", run.Line("Days to ratify"));
        Assert.Matches(@"^Ratified within   30 days: \d+ · 90 days: \d+ · 180 days: \d+", run.Line("Ratified within"));
        Assert.Equal("Next step         None: the accession is complete.", run.Line("Next step"));
    }

    [Fact]
    public async Task show_north_macedonia_gives_the_entry_into_force_the_depositary_recorded_with_the_deposits_still_bounds()
    {
        var run = await _store.Run("accession", "show", "MKD");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Entry into force  2020-03-19", run.Line("Entry into force"));
        Assert.Contains("≤ 2020-03-19", run.Line("│ ALB"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task show_montenegro_keeps_dates_known_only_as_bounds_bounded()
    {
        var run = await _store.Run("accession", "show", "MNE");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("≤ 2017-06-05", run.Line("│ ALB"), StringComparison.Ordinal);
        Assert.Contains("≤ date: on or before that date", run.Output, StringComparison.Ordinal);
        Assert.Equal("Entry into force  between 2017-06-01 and 2017-06-05", run.Line("Entry into force"));
        Assert.Equal("Member since      2017-06-05", run.Line("Member since"));
        Assert.Equal("Last ratifier     Netherlands (NLD), 2017-06-01, as a source records it", run.Line("Last ratifier"));
    }

    [Fact]
    public async Task show_north_macedonia_once_a_source_names_spain_last_shows_it_last_without_days_the_dates_cannot_prove()
    {
        var file = _store.WriteFile("spain-last.csv", """
            candidate,candidate_name,step,party,stage,date,date_qualifier,source
            MKD,North Macedonia,lastRatification,ESP,,2020-03-17/2020-03-19,between,S61;S65
            """);
        Assert.Equal(0, (await _store.Run("import", "accession", file)).ExitCode);

        var run = await _store.Run("accession", "show", "MKD");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Last ratifier     Spain (ESP), 2020-03-17, as a source records it", run.Line("Last ratifier"));
        Assert.Contains("2020-03-17 (last)", run.Line("│ ESP"), StringComparison.Ordinal);
        Assert.Contains("2020-03-17 – 2020-03-19", run.Line("│ ESP"), StringComparison.Ordinal);
        Assert.Matches(@"^lastRatification +between 2020-03-17 and 2020-03-19 +ESP$", run.Line("lastRatification"));
        Assert.Equal("Critical path     Spain (ESP) ratified 2020-03-17: last, as a source records it (the dates cannot tell how long after the others)",
            run.Line("Critical path"));
    }

    [Fact]
    public async Task show_ukraine_says_there_is_no_protocol_yet_and_names_the_invitation_decision_as_the_next_step()
    {
        var run = await _store.Run("accession", "show", "UKR");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Ukraine has no accession protocol.", run.Output, StringComparison.Ordinal);
        Assert.Empty(PartyRows(run));
        Assert.Contains("invite-ukraine-washington-2024", run.Line("invitationDecision"), StringComparison.Ordinal);
        Assert.Contains("invite-ukraine-washington-2024", run.Line("Next step"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task show_of_a_candidate_with_no_accession_says_so_on_stderr_and_exits_1()
    {
        var run = await _store.Run("accession", "show", "SWE");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: There is no accession of 'SWE'.", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task show_of_a_code_that_cannot_be_a_candidate_is_refused_before_any_store_is_opened()
    {
        var run = await _store.Run("accession", "show", "Finland");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'Finland' is not a candidate", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_store.Database));
    }

    [Fact]
    public async Task show_with_an_as_of_that_is_not_a_date_says_so_without_a_stack_trace()
    {
        var run = await _store.Run("accession", "show", "FIN", "--as-of", "2023-02-30");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'--as-of' is not a date: '2023-02-30'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_store.Database));
    }

    [Fact]
    public async Task list_as_of_a_day_shows_each_path_as_it_stood_then_and_leaves_out_those_not_yet_begun()
    {
        var run = await _store.Run("accession", "list", "--as-of", "2020-03-18");

        Assert.Equal(0, run.ExitCode);
        var rows = run.Output.Split('\n').Where(l => Regex.IsMatch(l, @"^│ [A-Z]{3} ")).Select(l => l[2..5]).ToList();
        Assert.DoesNotContain("FIN", rows);
        Assert.Contains("MKD", rows);
        Assert.DoesNotContain("2020-03-19", run.Line("│ MKD"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task list_refuses_a_malformed_as_of_naming_the_option()
    {
        var run = await _store.Run("accession", "list", "--as-of", "2020-02-30");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--as-of", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task list_shows_the_sixteen_shipped_accessions_with_ukraine_in_progress_first_then_the_latest()
    {
        var run = await _store.Run("accession", "list");

        Assert.Equal(0, run.ExitCode);
        var rows = run.Output.Split('\n').Where(l => Regex.IsMatch(l, @"^│ [A-Z]{3} ")).Select(l => l[2..5]).ToList();
        Assert.Equal(["UKR", "FIN", "MKD", "MNE"], rows.Take(4));
        Assert.Equal(["ALB", "BGR", "CZE", "EST", "FIN", "HRV", "HUN", "LTU", "LVA", "MKD", "MNE", "POL", "ROU", "SVK", "SVN", "UKR"], rows.Order(StringComparer.Ordinal));
        var finland = run.Line("│ FIN");
        Assert.Contains("30/30", finland, StringComparison.Ordinal);
        Assert.Contains("2022-07-05", finland, StringComparison.Ordinal);
        Assert.Contains("2023-04-04", finland, StringComparison.Ordinal);
        Assert.Contains("2020-03-19", run.Line("│ MKD"), StringComparison.Ordinal);
        Assert.Contains("2017-06-01 – 2017-06-05", run.Line("│ MNE"), StringComparison.Ordinal);
    }

    /// <summary>The first line of each Party's row in the ratification table.</summary>
    private static List<string> PartyRows(CliRun run) =>
        [.. run.Output.Split('\n').Where(l => Regex.IsMatch(l, @"^│ [A-Z]{3}  │"))];

    [Fact]
    public async Task show_known_on_a_day_says_so_and_leaves_out_what_was_published_later()
    {
        var all = await _store.Run("accession", "show", "FIN", "--as-of", "2023-03-28");
        var known = await _store.Run("accession", "show", "FIN", "--as-of", "2023-03-28", "--known-on", "2023-03-28");
        var bad = await _store.Run("accession", "show", "FIN", "--known-on", "28/03/2023");

        Assert.Equal(0, known.ExitCode);
        Assert.Contains("as known on 2023-03-28 (nothing published later)", known.Output, StringComparison.Ordinal);
        Assert.Contains("S01", all.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("S01", known.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--known-on", bad.Error, StringComparison.Ordinal);
    }
}
