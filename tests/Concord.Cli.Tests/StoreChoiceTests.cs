using Npgsql;

namespace Concord.Cli.Tests;

public sealed class StoreChoiceTests : IDisposable
{
    private const string PostgresVariable = "CONCORD_TEST_POSTGRES";
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task database_may_be_given_before_the_command_too()
    {
        var run = await Cli.Run("--database", _store.Database, "verify");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(_store.Database));
    }

    [Fact]
    public async Task database_and_postgres_together_are_refused_before_any_store_is_opened()
    {
        var run = await _store.Run("verify", "--postgres", "Host=localhost");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Use --database or --postgres, not both.", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_store.Database));
    }

    [Fact]
    public async Task a_postgres_server_that_cannot_be_reached_is_reported_without_a_stack_trace()
    {
        var run = await Cli.Run("verify", "--postgres", "Host=127.0.0.1;Port=1;Timeout=2");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task postgres_shows_the_seeded_ukraine_invitation_blocked_and_finland_a_member_like_sqlite()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                Assert.Fail($"{PostgresVariable} is not set under CI: scripts/test must start PostgreSQL.");
            Assert.Skip($"{PostgresVariable} is not set; run scripts/test to include PostgreSQL.");
        }
        var name = "concord_cli_" + Guid.NewGuid().ToString("N")[..16];
        await Sql(admin, $"CREATE DATABASE {name}");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            var run = await Cli.Run("decision", "show", "invite-ukraine-washington-2024", "--postgres", connection);
            var finland = await Cli.Run("accession", "show", "FIN", "--postgres", connection);

            Assert.Equal(0, run.ExitCode);
            Assert.Equal("Blocking            DEU, HUN, SVK, USA", run.Line("Blocking"));
            Assert.Equal("Last ratifier     Türkiye (TUR), 2023-03-30", finland.Line("Last ratifier"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Sql(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task Sql(string connection, string sql)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
