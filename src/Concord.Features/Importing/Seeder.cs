using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using Concord.Features.Decisions;
using Concord.Features.Members;
using Concord.Features.Storage;
using Concord.Features.Summits;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Importing;

/// <summary>
/// Loads the data pack into a new store on first run, through the same importers a user runs
/// (<c>concord import members|summits|decisions|positions|accession</c>), one data file per commit, and brings a store
/// seeded by an earlier pack up to this one.
/// <para>
/// Each file's commit carries the idempotency key <c>seed:FILE</c> (version 1) or <c>seed:FILE@VERSION</c> (on its first
/// event, like any keyed write): the log itself records which version of which file a store holds, in the chain, in
/// exports and through <c>import log</c>, with no table of its own. A seed cut short (killed, a lost connection)
/// is completed from the first file not loaded on the next start; a file is never loaded twice (a second commit under its
/// key stores nothing). A load that adds nothing (the store held every fact of the file already) is marked by an event of
/// its own (<see cref="DataPackFileHeld"/>).
/// </para>
/// <para>
/// The pack's manifest (<c>pack.csv</c>: file, version, sha256, change) gives the version in which each file last changed;
/// a file it does not list is at version 1. A file the store holds at an older version is applied again, through the same
/// importer, on top of what the store holds: what it already holds word for word adds nothing, a fact stated anew (a note,
/// a source, a confidence) is recorded as a new fact, a new fact is added, and a different date for a step already
/// recorded is recorded as a correction with the row's own sources. Nothing is rewritten: the earlier facts stay in the
/// log, superseded. An upgrade the store refuses (a fact entered since contradicts it) is reported, leaves the store as it
/// was, and is tried again on the next start.
/// </para>
/// </summary>
public static class Seeder
{
    /// <summary>The Ukraine invitation scenario's decision, opened from data/nato/decisions.csv.</summary>
    public static readonly DecisionId UkraineInvitation = DecisionId.Parse("invite-ukraine-washington-2024");

    /// <summary>The accessions shipped in data/nato/accessions, oldest first.</summary>
    public static readonly string[] AccessionFiles =
    [
        "czechia.csv", "hungary.csv", "poland.csv",
        "bulgaria.csv", "estonia.csv", "latvia.csv", "lithuania.csv", "romania.csv", "slovakia.csv", "slovenia.csv",
        "albania.csv", "croatia.csv",
        "montenegro.csv", "north_macedonia.csv", "finland.csv", "ukraine.csv",
    ];

    /// <summary>The folders, beside nato/, whose sources.csv registers the documents their files cite.</summary>
    public static readonly string[] OtherSources = ["assistance", "readiness", "statements", "earlier_rounds"];

    /// <summary>The pack's manifest, at the top of the data directory.</summary>
    public const string ManifestFile = "pack.csv";

    public static string DefaultDataDirectory() => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>
    /// The idempotency key that marks version <paramref name="version"/> of <paramref name="file"/> (its path under
    /// data/, e.g. <c>nato/members.csv</c>) as loaded. Version 1 keeps the key of the packs that had no versions.
    /// </summary>
    public static string Marker(string file, int version = 1) =>
        MarkerPrefix + file.Replace('\\', '/') + (version > 1 ? $"{VersionMark}{version}" : "");

    private const string MarkerPrefix = "seed:";

    /// <summary>The name the data pack's facts are recorded under; no account may take it.</summary>
    public const string Writer = "seed";

    private const string VersionMark = "@";

    /// <summary>A file of the pack loaded now: the version loaded, whether it upgraded one the store held, and the report.</summary>
    public sealed record Loaded(string File, int Version, bool Upgrade, ImportReport Report);

    /// <summary>A row of the pack's manifest.</summary>
    public sealed record PackRow(string? File, string? Version, string? Sha256, string? Change);

    public static readonly CsvFormat<PackRow> ManifestFormat = new(
        [new("file", Required: true), new("version", Required: true), new("sha256", Required: true), new("change")],
        r => new PackRow(r["file"], r["version"], r["sha256"], r["change"]));

    /// <summary>The version of each file the manifest of <paramref name="dataDirectory"/> lists (none when it has no manifest).</summary>
    public static IReadOnlyDictionary<string, int> Versions(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, ManifestFile);
        if (!File.Exists(path)) return new Dictionary<string, int>();
        using var reader = File.OpenText(path);
        var table = CsvFile.Read(reader, ManifestFormat);
        var bad = table.Errors.Concat(table.Rows.Where(r => !int.TryParse(r.Value.Version, out var v) || v < 1)
            .Select(r => new ImportError(r.Line, "version", $"'{r.Value.Version}' is not a version (1, 2, ...)."))).ToList();
        if (bad.Count > 0) throw new InvalidOperationException($"The data pack's manifest {path} does not read: {string.Join("; ", bad)}");
        return table.Rows.ToDictionary(r => r.Value.File!.Replace('\\', '/'), r => int.Parse(r.Value.Version!), StringComparer.Ordinal);
    }

    /// <returns>
    /// The files loaded now: none when the store holds every file at its version, or when the store has events but no
    /// file's mark (seeded before files were marked, or filled by <c>import log</c> or by hand: never seeded over). Account
    /// events do not count: the first administrator may be created (<c>concord users add-admin</c>) before the first run.
    /// Call it under the store's setup lock (<see cref="StoreSetup.Prepare"/>), so two instances do not seed at once.
    /// </returns>
    /// <exception cref="InvalidOperationException">A file of a first load does not load: the pack itself is at fault.</exception>
    public static async Task<IReadOnlyList<Loaded>> Seed(ConcordDbContext db, IClock clock, string dataDirectory, CancellationToken ct)
    {
        var held = HeldVersions(await db.Events.AsNoTracking().Where(e => e.IdempotencyKey != null && e.IdempotencyKey.StartsWith(MarkerPrefix))
            .Select(e => e.IdempotencyKey!).ToListAsync(ct));
        if (held.Count == 0 && await db.Events.AnyAsync(e => e.StreamId != EventLog.StreamIds.Accounts, ct)) return [];
        var nato = Path.Combine(dataDirectory, "nato");
        // A data directory set to the wrong folder is the operator's to fix: say which folder and what it lacks, not a stack trace.
        if (!File.Exists(Path.Combine(nato, "sources.csv")))
            throw new Storage.StoreNotReadable($"the store is empty and the data pack to seed it is not in '{Path.GetFullPath(dataDirectory)}' "
                + "(nato/sources.csv is missing). Concord:DataDirectory (env Concord__DataDirectory) names the folder holding the pack, the repository's data/ by default.");
        var versions = Versions(dataDirectory);
        var loaded = new List<Loaded>();
        var committed = 0;
        async Task Run(string file, Func<TextReader, WriteContext, bool, Task<ImportReport>> import)
        {
            var name = Path.GetRelativePath(dataDirectory, Path.Combine(nato, file)).Replace('\\', '/');
            var version = versions.GetValueOrDefault(name, 1);
            var holds = held.GetValueOrDefault(name);
            if (holds >= version) return;
            var upgrade = holds > 0;
            var marker = Marker(name, version);
            using var reader = File.OpenText(Path.Combine(nato, file));
            var report = await import(reader, new WriteContext(Writer, new RequestKey(marker, marker)), upgrade);
            loaded.Add(new Loaded(name, version, upgrade, report));
            if (!report.Succeeded && !upgrade)
                throw new InvalidOperationException($"The data pack file {name} does not load: {string.Join("; ", report.Errors)}");
            if (report.Succeeded && report.Added == 0)
            {
                var now = clock.GetCurrentInstant();
                await new EventLog.EventStore(db).Commit(
                    [new EventLog.StreamWrite(DataPackLog.Stream, null, [new EventLog.PendingEvent(new DataPackFileHeld(name, version), now, Domain.Classification.Public)])],
                    new EventLog.Recording(now, Writer, new RequestKey(marker, marker)), ct);
            }
            KillPoint.Reached("seed:after-file", ++committed);
        }
        // Sources first: every later file's citations are checked against them.
        await Run("sources.csv", (r, who, upgrade) => Sources.ImportSources.Handle(db, clock, r, who, ct, keepRegistered: upgrade));
        // The other packs' sources, before the files that cite them. A store seeded before these files existed loads them as
        // new files: a source someone registered under the same id since keeps its record there too.
        foreach (var pack in OtherSources)
            await Run(Path.Combine("..", pack, "sources.csv"), (r, who, _) => Sources.ImportSources.Handle(db, clock, r, who, ct, keepRegistered: true));
        await Run("members.csv", (r, who, _) => ImportMembers.Handle(db, clock, r, Body.Nato, who, ct));
        await Run("summits.csv", (r, who, _) => ImportSummits.Handle(db, clock, r, who, ct));
        await Run("decisions.csv", (r, who, _) => ImportDecisions.Handle(db, clock, r, who, ct));
        await Run("scenario_washington_2024.csv", (r, who, _) => ImportPositions.Handle(db, clock, r, UkraineInvitation, who, ct));
        await Run("ratification_procedures.csv", (r, who, _) => Accessions.Procedures.Import(db, clock, r, who, ct));
        foreach (var file in AccessionFiles)
            await Run(Path.Combine("accessions", file), (r, who, upgrade) => ImportAccession.Handle(db, clock, r, json: false, who, ct, correctsRecorded: upgrade));
        await Run("defence_expenditure_2024.csv", (r, who, upgrade) => Readiness.ImportDefenceExpenditure.Handle(db, clock, r, who, ct, asNewerPack: upgrade));
        await Run(Path.Combine("..", "readiness", "example_floors_and_stocks.csv"),
            (r, who, upgrade) => Readiness.ImportReadiness.Handle(db, clock, r, who, ct, asNewerPack: upgrade));
        await Run(Path.Combine("..", "assistance", "us_supplemental_2024.csv"),
            (r, who, upgrade) => Assistance.Importing.ImportTimeline.Handle(db, clock, r, who, ct, asNewerPack: upgrade));
        // The research pack's pledges, then the amendments that change them, then the events that explain their delays.
        await Run(Path.Combine("..", "assistance", "pledges.csv"), (r, who, _) => Assistance.Importing.ImportPledges.Handle(db, clock, r, who, ct));
        await Run(Path.Combine("..", "assistance", "pledge_amendments.csv"), (r, who, _) => Assistance.Importing.ImportPledgeAmendments.Handle(db, clock, r, who, ct));
        await Run(Path.Combine("..", "assistance", "delay_events.csv"), (r, who, _) => Assistance.Importing.ImportDelayEvents.Handle(db, clock, r, who, ct));
        // Last: a statement links to the decisions and pledges loaded before it.
        await Run(Path.Combine("..", "statements", "statements.csv"), (r, who, _) => Statements.ImportStatements.Handle(db, clock, r, who, ct));
        return loaded;
    }

    /// <summary>The highest version of each file the markers say the store holds.</summary>
    private static Dictionary<string, int> HeldVersions(IEnumerable<string> markers)
    {
        var held = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var marker in markers)
        {
            var name = marker[MarkerPrefix.Length..];
            var at = name.LastIndexOf(VersionMark, StringComparison.Ordinal);
            var version = 1;
            if (at > 0 && int.TryParse(name[(at + 1)..], out var v)) (name, version) = (name[..at], v);
            held[name] = Math.Max(held.GetValueOrDefault(name), version);
        }
        return held;
    }
}
