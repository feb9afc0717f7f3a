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
/// (<c>concord import members|summits|decisions|positions|accession</c>), one data file per commit. Each file's commit
/// carries the idempotency key <c>seed:FILE</c> (on its first event, like any keyed write): the log itself records which
/// files were loaded, in the chain, in exports and through <c>import log</c>, with no event or table of its own. A seed cut
/// short (killed, a lost connection) is completed from the first file not loaded on the next start; a file is never loaded
/// twice (a second commit under its key stores nothing).
/// </summary>
public static class Seeder
{
    /// <summary>The Ukraine invitation scenario's decision, opened from data/nato/decisions.csv.</summary>
    public static readonly DecisionId UkraineInvitation = DecisionId.Parse("invite-ukraine-washington-2024");

    /// <summary>The accessions shipped in data/nato/accessions, oldest first.</summary>
    public static readonly string[] AccessionFiles = ["montenegro.csv", "north_macedonia.csv", "finland.csv", "ukraine.csv"];

    public static string DefaultDataDirectory() => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>The idempotency key that marks <paramref name="file"/> (its path under data/, e.g. <c>nato/members.csv</c>) as loaded.</summary>
    public static string Marker(string file) => MarkerPrefix + file.Replace('\\', '/');

    private const string MarkerPrefix = "seed:";

    /// <returns>
    /// The reports of the files loaded now: none when every file was loaded before, or when the store has events but no
    /// file's mark (seeded before files were marked, or filled by <c>import log</c> or by hand: never seeded over). Account
    /// events do not count: the first administrator may be created (<c>concord users add-admin</c>) before the first run.
    /// Call it under the store's setup lock (<see cref="StoreSetup.Prepare"/>), so two instances do not seed at once.
    /// </returns>
    public static async Task<IReadOnlyList<(string File, ImportReport Report)>> Seed(
        ConcordDbContext db, IClock clock, string dataDirectory, CancellationToken ct)
    {
        var loaded = (await db.Events.AsNoTracking().Where(e => e.IdempotencyKey != null && e.IdempotencyKey.StartsWith(MarkerPrefix))
            .Select(e => e.IdempotencyKey!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        if (loaded.Count == 0 && await db.Events.AnyAsync(e => e.StreamId != EventLog.StreamIds.Accounts, ct)) return [];
        var nato = Path.Combine(dataDirectory, "nato");
        var reports = new List<(string, ImportReport)>();
        var committed = 0;
        async Task Run(string file, Func<TextReader, WriteContext, Task<ImportReport>> import)
        {
            var marker = Marker(Path.GetRelativePath(dataDirectory, Path.Combine(nato, file)));
            if (loaded.Contains(marker)) return;
            using var reader = File.OpenText(Path.Combine(nato, file));
            var report = await import(reader, new WriteContext("seed", new RequestKey(marker, marker)));
            reports.Add((file, report));
            if (!report.Succeeded)
                throw new InvalidOperationException($"The data pack file {file} does not load: {string.Join("; ", report.Errors)}");
            KillPoint.Reached("seed:after-file", ++committed);
        }
        // Sources first: every later file's citations are checked against them.
        await Run("sources.csv", (r, who) => Sources.ImportSources.Handle(db, clock, r, who, ct));
        await Run("members.csv", (r, who) => ImportMembers.Handle(db, clock, r, Body.Nato, who, ct));
        await Run("summits.csv", (r, who) => ImportSummits.Handle(db, clock, r, who, ct));
        await Run("decisions.csv", (r, who) => ImportDecisions.Handle(db, clock, r, who, ct));
        await Run("scenario_washington_2024.csv", (r, who) => ImportPositions.Handle(db, clock, r, UkraineInvitation, who, ct));
        await Run("ratification_procedures.csv", (r, who) => Accessions.Procedures.Import(db, clock, r, who, ct));
        foreach (var file in AccessionFiles)
            await Run(Path.Combine("accessions", file), (r, who) => ImportAccession.Handle(db, clock, r, json: false, who, ct));
        await Run("defence_expenditure_2024.csv", (r, who) => Readiness.ImportDefenceExpenditure.Handle(db, clock, r, who, ct));
        await Run(Path.Combine("..", "readiness", "example_floors_and_stocks.csv"), (r, who) => Readiness.ImportReadiness.Handle(db, clock, r, who, ct));
        await Run(Path.Combine("..", "assistance", "us_supplemental_2024.csv"), (r, who) => Assistance.Importing.ImportTimeline.Handle(db, clock, r, who, ct));
        return reports;
    }
}
