namespace Concord.Cli.Tests.Commands;

/// <summary><c>concord readiness show|impact</c> and <c>concord assistance plan</c> over the seeded data pack (its example floors and stocks).</summary>
public sealed class ReadinessCommandsTests : IDisposable
{
    private readonly TempStore _store = new(seeded: true);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task readiness_show_lists_the_32_allies_with_their_sources_and_says_the_floors_are_an_example()
    {
        var run = await _store.Run("readiness", "show");

        Assert.Equal(0, run.ExitCode);
        var rows = run.Output.Split('\n').Where(l => l.Length > 3 && l[3] == ' ' && l[..3].All(char.IsAsciiLetterUpper) && l[..4] != "ALLY").ToList();
        Assert.Equal(32, rows.Count);
        Assert.Contains("NOTE: The floors and stocks shown are an EXAMPLE", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task readiness_impact_says_what_a_donation_does_to_the_floor()
    {
        var run = await _store.Run("readiness", "impact", "DEU", "--category", "air-defence", "--quantity", "5");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Germany's air-defence stock would fall to 12, below its floor of 14.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task assistance_plan_proposes_deliveries_that_keep_every_floor_and_refuses_a_bad_item()
    {
        var run = await _store.Run("assistance", "plan", "--item", "air-defence=12", "--item", "ammunition-155mm=100000", "--by", "2027-06-30");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("every donor stays at or above its floors", run.Output, StringComparison.Ordinal);
        Assert.Contains("Objective (SCIP)", run.Output, StringComparison.Ordinal);

        var bad = await _store.Run("assistance", "plan", "--item", "air-defence=lots", "--by", "2027-06-30");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--item must be CATEGORY=QUANTITY", bad.Error, StringComparison.Ordinal);
    }
}
