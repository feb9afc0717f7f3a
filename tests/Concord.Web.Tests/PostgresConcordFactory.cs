using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Concord.Web.Tests;

/// <summary>
/// The test host over a new PostgreSQL database on the server CONCORD_TEST_POSTGRES names, migrated and seeded by the
/// host's own start (as on a first run), dropped afterwards. Without the variable its tests are skipped, except under CI.
/// </summary>
public sealed class PostgresConcordFactory : ConcordFactory, IAsyncLifetime
{
    private readonly string _name = "concord_web_" + Guid.NewGuid().ToString("N")[..12];
    private string? _admin;

    private string Connection => new NpgsqlConnectionStringBuilder(_admin) { Database = _name }.ConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_admin is null) return;
        builder.UseSetting("Concord:Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Concord", Connection);
    }

    public new async ValueTask InitializeAsync()
    {
        _admin = Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(_admin)) { _admin = null; return; }
        await Execute($"CREATE DATABASE {_name}");
    }

    /// <summary>Skips the test (fails it under CI) when no PostgreSQL server is given.</summary>
    public override void Require()
    {
        if (_admin is not null) return;
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("CONCORD_TEST_POSTGRES is not set under CI: scripts/test must start PostgreSQL.");
        Assert.Skip("CONCORD_TEST_POSTGRES is not set; run scripts/test to include PostgreSQL.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_admin is null) return;
        NpgsqlConnection.ClearAllPools();
        await Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
