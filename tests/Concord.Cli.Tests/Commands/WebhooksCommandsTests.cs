namespace Concord.Cli.Tests.Commands;

[Collection(StandardInput.Name)]
public sealed class WebhooksCommandsTests : IDisposable
{
    private readonly TempStore _store = new(seeded: true);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task webhooks_add_prints_the_secret_once_list_never_shows_it_and_disable_keeps_the_reason()
    {
        await StandardInput.Run(_store, "correct horse battery staple\n", "users", "add-admin", "alice");

        var added = await _store.Run("webhooks", "add", "https://203.0.113.5/concord", "--kinds", "decision, statement", "--as", "alice");
        var secret = added.Output.Split('\n')[0].Trim();
        var id = System.Text.RegularExpressions.Regex.Match(added.Output, "Added webhook (wh-[0-9a-f]+)").Groups[1].Value;
        var listed = await _store.Run("webhooks", "list");
        var deliveries = await _store.Run("webhooks", "deliveries", id);
        var disabled = await _store.Run("webhooks", "disable", id, "--reason", "Moved");
        var listedAfter = await _store.Run("webhooks", "list");

        Assert.Equal(0, added.ExitCode);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Contains("for decision, statement, acting as alice.", added.Output, StringComparison.Ordinal);
        Assert.Contains("active", listed.Line($"│ {id}"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.Output, StringComparison.Ordinal);
        Assert.Equal("No deliveries yet.", deliveries.Output.Trim());
        Assert.Equal(0, disabled.ExitCode);
        Assert.Contains("disabled", listedAfter.Line($"│ {id}"), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, (await _store.Run("webhooks", "disable", id)).ExitCode);
    }

    [Fact]
    public async Task a_webhook_to_a_private_address_or_of_an_unknown_kind_is_refused_in_words()
    {
        await StandardInput.Run(_store, "correct horse battery staple\n", "users", "add-admin", "alice");

        var loopback = await _store.Run("webhooks", "add", "http://127.0.0.1:8080/hook", "--kinds", "decision", "--as", "alice");
        var kind = await _store.Run("webhooks", "add", "https://203.0.113.5/hook", "--kinds", "everything", "--as", "alice");

        Assert.Equal(ExitCodes.Refused, loopback.ExitCode);
        Assert.Contains("loopback or private-network address", loopback.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, kind.ExitCode);
        Assert.Contains("'everything' is not a kind of change", kind.Error, StringComparison.Ordinal);
        Assert.Equal("No webhooks.", (await _store.Run("webhooks", "list")).Output.Trim());
    }
}
