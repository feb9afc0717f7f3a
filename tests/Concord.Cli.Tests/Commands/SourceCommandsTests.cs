namespace Concord.Cli.Tests.Commands;

/// <summary><c>concord sources</c>: a cited id resolves to its documents on the command line too.</summary>
public sealed class SourceCommandsTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task show_s33_prints_the_publisher_title_date_and_address_of_each_of_its_documents_and_what_cites_it()
    {
        var run = await _store.Run("sources", "show", "S33");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Equal("S33-1 (split from S33): press", run.Line("S33-1"));
        Assert.Contains("publisher  Ukraine Today (Ukrinform)", run.Output, StringComparison.Ordinal);
        Assert.Contains("published  2023-07-11", run.Output, StringComparison.Ordinal);
        Assert.Contains("address    https://ukrainetoday.org/2023/07/11/nato-allies-reaffirm-ukraines-future-is-in-nato/", run.Output, StringComparison.Ordinal);
        Assert.Contains("S33-3 (split from S33): press", run.Output, StringComparison.Ordinal);
        Assert.Contains("Ukraine · mapWaived", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task show_of_an_unknown_id_fails_and_points_at_the_list()
    {
        var run = await _store.Run("sources", "show", "S9999");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("concord sources list", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task add_registers_a_source_once_and_refuses_a_bad_field_by_its_option()
    {
        var added = await _store.Run("sources", "add", "--id", "T-2026-1", "--kind", "official", "--publisher", "NATO", "--title", "Press release", "--published", "2026-11");
        var again = await _store.Run("sources", "add", "--id", "T-2026-1", "--kind", "official", "--publisher", "NATO", "--title", "Press release", "--published", "2026-11");
        var bad = await _store.Run("sources", "add", "--id", "T-2026-2", "--kind", "official", "--publisher", "NATO", "--title", "Press release", "--archived-url", "ftp://x");

        Assert.Equal((0, "Registered T-2026-1."), (added.ExitCode, added.Output.Trim()));
        Assert.Contains("already registered", again.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("--archived-url:", bad.Error.Trim().Replace("error: ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task accession_show_prints_the_sources_its_steps_cite()
    {
        var run = await _store.Run("accession", "show", "UKR");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("sources:", run.Output, StringComparison.Ordinal);
        Assert.Contains("S33 → S33-1: Ukraine Today (Ukrinform), [Text of the Vilnius Summit communiqué on Ukraine], 2023-07-11", run.Output.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
