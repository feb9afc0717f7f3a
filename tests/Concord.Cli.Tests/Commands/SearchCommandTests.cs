namespace Concord.Cli.Tests.Commands;

/// <summary><c>concord search</c>: the store's full-text index on the command line.</summary>
public sealed class SearchCommandTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task search_prints_each_thing_found_with_its_matched_words_in_brackets_and_where_to_read_it()
    {
        var run = await _store.Run("search", "Leopard", "Germany", "--kind", "pledge");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Contains("pledge     [Germany] DEU: [Leopard] 2A6 main battle tank  (2023-01-25)  [PUBLIC]", run.Output, StringComparison.Ordinal);
        Assert.Contains("/assistance#pledge-DEU-P001", run.Output, StringComparison.Ordinal);
        Assert.Contains("found, best first.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_query_without_a_word_or_an_unknown_kind_fails_saying_why()
    {
        var empty = await _store.Run("search", "***");
        var kind = await _store.Run("search", "Leopard", "--kind", "events");

        Assert.Equal((1, 1), (empty.ExitCode, kind.ExitCode));
        Assert.Contains("'q' must hold at least one word", empty.Error, StringComparison.Ordinal);
        Assert.Contains("'kind' must be one of", kind.Error, StringComparison.Ordinal);
    }
}
