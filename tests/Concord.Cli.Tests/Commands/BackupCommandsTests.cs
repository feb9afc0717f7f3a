using System.Diagnostics;
using Concord.Cli.Commands;
using Concord.Features.Accounts;
using Concord.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Concord.Cli.Tests.Commands;

[Collection(StandardInput.Name)]
public sealed class BackupCommandsTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly TempStore _source = new(seeded: true);
    private readonly TempStore _target = new();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    [Fact]
    public async Task a_backup_restored_into_an_empty_store_serves_the_same_log_accounts_and_tokens()
    {
        await StandardInput.Run(_source, Password + "\n", "users", "add-admin", "alice");
        var token = (await _source.Run("tokens", "issue", "alice", "--name", "laptop")).Output.Split('\n')[0].Trim();
        var file = _source.FilePath("backup.gz");

        var backup = await _source.Run("backup", file);
        var restore = await _target.Run("restore", file);

        Assert.Equal(0, backup.ExitCode);
        Assert.Equal(0, restore.ExitCode);
        Assert.Contains("1 row of AspNetUsers", backup.Output, StringComparison.Ordinal);
        Assert.Contains("Restored", restore.Output, StringComparison.Ordinal);
        Assert.Contains("chain intact", restore.Output, StringComparison.Ordinal);
        Assert.Equal(await Export(_source), await Export(_target));
        Assert.Equal((await _source.Run("decision", "list")).Output, (await _target.Run("decision", "list")).Output);
        Assert.Equal((await _source.Run("users", "list")).Output, (await _target.Run("users", "list")).Output);
        Assert.Equal((await _source.Run("tokens", "list")).Output, (await _target.Run("tokens", "list")).Output);
        await using var store = await _target.Open();
        await using var services = UsersAccounts.Services(store, new ConfigurationBuilder().Build());
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConcordUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("alice"))!, Password));
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<AccountService>().ValidateToken(token, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task a_backup_file_is_readable_by_its_owner_only()
    {
        var file = _source.FilePath("backup.gz");

        await _source.Run("backup", file);

        if (OperatingSystem.IsWindows()) Assert.Skip("Unix file modes");
        else Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task a_sqlite_backup_restored_into_postgres_reads_the_same_there_and_backs_up_the_same_from_it()
    {
        var admin = Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("CONCORD_TEST_POSTGRES is not set under CI: scripts/test must start PostgreSQL.");
            Assert.Skip("CONCORD_TEST_POSTGRES is not set; run scripts/test to include PostgreSQL.");
        }
        await StandardInput.Run(_source, Password + "\n", "users", "add-admin", "alice");
        var name = "concord_cli_" + Guid.NewGuid().ToString("N")[..16];
        var postgres = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var file = _source.FilePath("backup.gz");
        var again = _source.FilePath("again.gz");
        try
        {
            await _source.Run("backup", file);

            var restore = await Cli.Run("restore", file, "--postgres", postgres);
            var verify = await Cli.Run("verify", "--postgres", postgres);
            var backup = await Cli.Run("backup", again, "--postgres", postgres);
            var back = await _target.Run("restore", again);

            Assert.True(restore.ExitCode == 0, restore.Error);
            Assert.Contains("from a Sqlite store", restore.Output, StringComparison.Ordinal);
            Assert.True(verify.ExitCode == 0, verify.Error);
            Assert.True(backup.ExitCode == 0, backup.Error);
            Assert.Equal((await _source.Run("decision", "list")).Output, (await Cli.Run("decision", "list", "--postgres", postgres)).Output);
            Assert.Equal((await _source.Run("users", "list")).Output, (await Cli.Run("users", "list", "--postgres", postgres)).Output);
            Assert.True(back.ExitCode == 0, back.Error);
            Assert.Contains("from a Postgres store", back.Output, StringComparison.Ordinal);
            Assert.Equal(await Export(_source), await Export(_target));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task a_backup_of_a_store_whose_chain_is_broken_is_kept_but_fails_naming_the_event()
    {
        await using (var connection = new SqliteConnection($"Data Source={_source.Database};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """UPDATE events SET "Payload" = "Payload" || ' ' WHERE "Position" = 12""";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        var file = _source.FilePath("backup.gz");

        var run = await _source.Run("backup", file);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("`concord restore` will refuse this backup. Event #12", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task restore_refuses_a_store_that_has_events_and_changes_nothing()
    {
        var file = _source.FilePath("backup.gz");
        await _source.Run("backup", file);
        var before = await Export(_source);

        var run = await _source.Run("restore", file);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("a backup can only be restored into an empty store", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Export(_source));
    }

    [Fact]
    public async Task restore_refuses_a_file_whose_chain_was_edited()
    {
        var file = _source.FilePath("backup.gz");
        await _source.Run("backup", file);
        await File.WriteAllBytesAsync(file, BackupFiles.Edit(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken),
            BackupFiles.AlterFirstEventOf("decision-invite-ukraine-washington-2024"), recomputeChecksum: true), TestContext.Current.CancellationToken);

        var run = await _target.Run("restore", file);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("The backup's log does not verify", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was restored.", run.Error, StringComparison.Ordinal);
        await using var store = await _target.Open();
        Assert.Equal(0, await store.Db.Events.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task restore_refuses_a_file_cut_short()
    {
        var file = _source.FilePath("backup.gz");
        await _source.Run("backup", file);
        await File.WriteAllBytesAsync(file, BackupFiles.Edit(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken),
            line => line["table"]!.GetValue<string>() == "events" && line["row"]!["Position"]!.GetValue<long>() > 100 ? null : line,
            recomputeChecksum: true), TestContext.Current.CancellationToken);

        var run = await _target.Run("restore", file);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("The header counts", run.Error, StringComparison.Ordinal);
    }

    [Fact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task export_and_verify_open_a_read_only_store_file()
    {
        using var folder = ReadOnlyFolder.Holding(_source.Database);
        var exported = _target.FilePath("log.jsonl");
        var backup = _target.FilePath("backup.gz");

        var verify = await Cli.Run("verify", "--database", folder.Store);
        var export = await Cli.Run("export", exported, "--database", folder.Store);
        var audit = await Cli.Run("audit", "list", "--limit", "3", "--database", folder.Store);
        var backedUp = await Cli.Run("backup", backup, "--database", folder.Store);

        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.StartsWith("Chain intact", verify.Output, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Equal(await Export(_source), await File.ReadAllTextAsync(exported, TestContext.Current.CancellationToken));
        Assert.True(audit.ExitCode == 0, audit.Error);
        Assert.True(backedUp.ExitCode == 0, backedUp.Error);
    }

    [Fact]
    public async Task a_read_only_command_refuses_a_store_of_an_older_schema_and_does_not_migrate_it()
    {
        string forgotten;
        await using (var connection = new SqliteConnection($"Data Source={_source.Database};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1";
            forgotten = (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            command.CommandText = $"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{forgotten}'";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var run = await _source.Run("verify");

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("must be migrated first; a read-only command does not change it", run.Error, StringComparison.Ordinal);
        await using var check = new SqliteConnection($"Data Source={_source.Database};Mode=ReadOnly;Pooling=False");
        await check.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = check.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{forgotten}'";
        Assert.Equal(0L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<string> Export(TempStore store) => (await store.Run("export")).Output;

    /// <summary>
    /// A copy of a store in a folder nobody can write to, as on a read-only mount: the folder and the file are made
    /// immutable (chattr +i) when running as root, whom file modes do not stop, else read-only by mode.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class ReadOnlyFolder : IDisposable
    {
        private readonly string _folder;
        private readonly bool _immutable;

        private ReadOnlyFolder(string folder, bool immutable)
        {
            _folder = folder;
            _immutable = immutable;
        }

        public string Store => Path.Combine(_folder, "concord.db");

        public static ReadOnlyFolder Holding(string database)
        {
            SqliteConnection.ClearAllPools();
            var folder = Directory.CreateTempSubdirectory("concord-readonly-").FullName;
            File.Copy(database, Path.Combine(folder, "concord.db"));
            var root = Environment.UserName == "root";
            var copy = new ReadOnlyFolder(folder, root);
            if (root)
            {
                if (!Chattr("+i", copy.Store, folder))
                {
                    copy.Dispose();
                    Assert.Skip("Running as root without chattr +i: a read-only store cannot be made here.");
                }
            }
            else
            {
                File.SetUnixFileMode(copy.Store, UnixFileMode.UserRead);
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            }
            return copy;
        }

        private static bool Chattr(string flag, params string[] paths)
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo("chattr", [flag, .. paths]) { RedirectStandardError = true })!;
                process.WaitForExit();
                return process.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            if (_immutable) Chattr("-i", _folder, Store);
            else File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(_folder, recursive: true);
        }
    }
}
