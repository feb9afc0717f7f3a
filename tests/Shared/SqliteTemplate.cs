using Microsoft.Data.Sqlite;

namespace Concord.Tests;

/// <summary>
/// A SQLite store prepared once per test process (migrated, and seeded when the builder seeds) and copied for each
/// test: copying a file takes milliseconds, while migrating and loading the data pack take seconds, and every
/// seeding in the process queues behind the one-writer gate.
/// </summary>
/// <remarks>
/// The builder gets the path of an empty file to fill and must close every connection it opened (use
/// <c>Pooling=False</c>). The template is then checkpointed so that the whole store is in the main file: a copy of
/// that one file is the store, still in WAL mode (the journal mode is kept in the file's header). The templates'
/// folder is deleted when the process exits.
/// </remarks>
public sealed class SqliteTemplate
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "concord-templates-" + Guid.NewGuid().ToString("N")[..12]);

    private readonly Lazy<Task<string>> _file;

    static SqliteTemplate() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    };

    /// <param name="name">Names the template's file, for whoever finds it in the temp folder.</param>
    /// <param name="build">Fills the store at the path it is given; runs once, on the thread pool.</param>
    public SqliteTemplate(string name, Func<string, Task> build) =>
        // On the thread pool and without the first test's cancellation token: every test of the process waits on the
        // same build, which must neither post back to one test's context nor stop when that test is cancelled.
        _file = new Lazy<Task<string>>(() => Task.Run(() => Build(name, build)));

    /// <summary>Copies the template to <paramref name="path"/>, building it first if no test has yet.</summary>
    public async Task CopyTo(string path)
    {
        var template = await _file.Value;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.Copy(template, path);
    }

    private static async Task<string> Build(string name, Func<string, Task> build)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".db");
        await build(path);
        // Everything the builder wrote moves from the WAL into the main file, and the WAL is emptied, so no write is
        // left behind in a file the copies do not take.
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            if (reader.GetInt32(0) != 0)
                throw new InvalidOperationException($"The template {path} could not be checkpointed: a connection to it is still open.");
        }
        var wal = new FileInfo(path + "-wal");
        if (wal.Exists && wal.Length > 0)
            throw new InvalidOperationException($"The template {path} still has writes in its WAL after the checkpoint.");
        return path;
    }
}
