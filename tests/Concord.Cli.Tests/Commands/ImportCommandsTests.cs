using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Tests.Commands;

public sealed class ImportCommandsTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task import_members_of_a_file_with_two_bad_rows_reports_both_lines_and_loads_nothing()
    {
        await _store.Run("verify");
        var before = await MemberCodes();
        var file = _store.WriteFile("members.csv", """
            country,iso_alpha3,accession_date
            Ukraine,UKR,2020-01-01
            Nowhere,XX,2020-01-01
            Somewhere,ZZZ,not-a-date
            """);

        var run = await _store.Run("import", "members", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 3, iso_alpha3: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 4, accession_date: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was loaded", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await MemberCodes());
        Assert.DoesNotContain("UKR", before);
    }

    [Fact]
    public async Task import_members_into_another_body_says_how_many_were_added()
    {
        var file = _store.WriteFile("eu.csv", """
            country,iso_alpha3,accession_date
            France,FRA,1958-01-01
            Germany,DEU,1958-01-01
            """);

        var run = await _store.Run("import", "members", file, "--body", "EU");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 rows, 2 added.", run.Output, StringComparison.Ordinal);
        Assert.Equal(["DEU", "FRA"], await MemberCodes("EU"));
    }

    [Fact]
    public async Task import_positions_records_them_on_the_decision_and_changes_its_outcome()
    {
        var file = _store.WriteFile("positions.csv", """
            ally_iso3,position,effective_date,source
            HUN,concur,2024-08-01,test
            """);

        var run = await _store.Run("import", "positions", file, "--decision", "invite-ukraine-washington-2024");
        var show = await _store.Run("decision", "show", "invite-ukraine-washington-2024");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 row, 1 added.", run.Output, StringComparison.Ordinal);
        Assert.Equal("Blocking            DEU, SVK, USA", show.Line("Blocking"));
    }

    [Fact]
    public async Task import_positions_on_an_unknown_decision_is_refused()
    {
        var file = _store.WriteFile("positions.csv", "ally_iso3,position,effective_date\nHUN,concur,2024-08-01\n");

        var run = await _store.Run("import", "positions", file, "--decision", "no-such-decision");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no-such-decision", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_decisions_again_leaves_the_decisions_already_open_as_they_are()
    {
        var run = await _store.Run("import", "decisions", Path.Combine(AppContext.BaseDirectory, "data", "nato", "decisions.csv"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 added, 1 already in the store.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_of_a_file_that_does_not_exist_says_so_and_touches_no_store()
    {
        var run = await _store.Run("import", "summits", _store.FilePath("missing.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("There is no file", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_store.Database));
    }

    private async Task<List<string>> MemberCodes(string body = "NATO")
    {
        await using var store = await _store.Open();
        return await store.Db.Members.Where(m => m.Body == body).Select(m => m.Code).OrderBy(c => c)
            .ToListAsync(TestContext.Current.CancellationToken);
    }
}
