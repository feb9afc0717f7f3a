namespace Concord.Cli.Tests.Commands;

public sealed class ForecastCommandsTests : IDisposable
{
    private readonly TempStore _store = new(seeded: true);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task forecast_accession_prints_the_chance_of_entry_into_force_by_the_next_summit_and_says_it_is_a_model()
    {
        var run = await _store.Run("forecast", "accession", "FIN", "--as-of", "2022-10-01");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Finland (FIN): forecast as of 2022-10-01, by 2023-07-11 (the next summit (Vilnius Summit, 2023-07-11)).", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Entry into force by 2023-07-11: \d+%; median \d{4}-\d\d-\d\d, 80% interval", run.Output);
        Assert.Contains("│ TUR", run.Output, StringComparison.Ordinal);
        Assert.Contains("A model, not a fact", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_forecast_before_the_signature_is_refused_in_words()
    {
        var run = await _store.Run("forecast", "accession", "FIN", "--as-of", "2022-06-01");

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("was not signed by 2022-06-01", run.Error, StringComparison.Ordinal);
    }
}
