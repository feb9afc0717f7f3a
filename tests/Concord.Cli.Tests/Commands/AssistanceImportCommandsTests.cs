namespace Concord.Cli.Tests.Commands;

public sealed class AssistanceImportCommandsTests : IDisposable
{
    private const string Kiel = """
        aid_type_general,measure,donor,announcement_date,aid_type_specific,tot_activity_value,reporting_currency
        Military,Commitment,Germany,2022-06-01,IRIS-T SLM air defence,500,EUR
        """;

    private readonly TempStore _store = new(seeded: true);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task import_kiel_of_a_row_announced_in_2099_is_refused_with_its_line_and_loads_nothing()
    {
        var run = await _store.Run("assistance", "import", "kiel", _store.WriteFile("kiel.csv", Kiel.Replace("2022-06-01", "2099-06-01", StringComparison.Ordinal)), "--release", "2024-02");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("line 2, announcement_date: 2099-06-01 is in the future", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was loaded from", run.Error + run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_kiel_of_a_value_above_ten_to_the_twelfth_is_refused_with_its_line()
    {
        var run = await _store.Run("assistance", "import", "kiel", _store.WriteFile("kiel.csv", Kiel.Replace(",500,", ",79228162514264337593543950335,", StringComparison.Ordinal)), "--release", "2024-02");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("line 2, tot_activity_value:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_kiel_with_a_release_records_the_pledge_and_its_commitment()
    {
        var run = await _store.Run("assistance", "import", "kiel", _store.WriteFile("kiel.csv", Kiel), "--release", "2024-02");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Loaded", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 row, 2 events added.", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task import_kiel_reports_a_bad_row_by_line_and_column_and_loads_nothing()
    {
        var run = await _store.Run("assistance", "import", "kiel", _store.WriteFile("kiel.csv", Kiel.Replace("Germany", "Atlantis", StringComparison.Ordinal)), "--release", "2024-02");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("line 2, donor: 'Atlantis' is not a recognised donor state", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was loaded from", run.Error + run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_kiel_needs_the_release()
    {
        var run = await _store.Run("assistance", "import", "kiel", _store.WriteFile("kiel.csv", Kiel));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--release", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_timeline_of_the_shipped_file_adds_nothing_after_the_first_run_loaded_it()
    {
        var run = await _store.Run("assistance", "import", "timeline", Path.Combine(AppContext.BaseDirectory, "data", "assistance", "us_supplemental_2024.csv"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("8 rows", run.Output, StringComparison.Ordinal);
        Assert.Contains("(all already in the store)", run.Output, StringComparison.Ordinal);
    }
}
