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
/// Loads the data pack into an empty store on first run, through the same importers a user runs
/// (<c>concord import members|summits|decisions|positions|accession</c>). Never touches a store that has events.
/// </summary>
public static class Seeder
{
    /// <summary>The Ukraine invitation scenario's decision, opened from data/nato/decisions.csv.</summary>
    public static readonly DecisionId UkraineInvitation = DecisionId.Parse("invite-ukraine-washington-2024");

    /// <summary>The accessions shipped in data/nato/accessions, oldest first.</summary>
    public static readonly string[] AccessionFiles = ["montenegro.csv", "north_macedonia.csv", "finland.csv", "ukraine.csv"];

    public static string DefaultDataDirectory() => Path.Combine(AppContext.BaseDirectory, "data");

    /// <returns>
    /// The reports of each import, or an empty list when the store already had events. Account events do not count:
    /// the first administrator may be created (<c>concord users add-admin</c>) before the first run.
    /// </returns>
    public static async Task<IReadOnlyList<(string File, ImportReport Report)>> SeedIfEmpty(
        ConcordDbContext db, IClock clock, string dataDirectory, CancellationToken ct)
    {
        if (await db.Events.AnyAsync(e => e.StreamId != EventLog.StreamIds.Accounts, ct)) return [];
        var who = new WriteContext("seed");
        var nato = Path.Combine(dataDirectory, "nato");
        var reports = new List<(string, ImportReport)>();
        async Task Run(string file, Func<TextReader, Task<ImportReport>> import)
        {
            using var reader = File.OpenText(Path.Combine(nato, file));
            var report = await import(reader);
            reports.Add((file, report));
            if (!report.Succeeded)
                throw new InvalidOperationException($"The data pack file {file} does not load: {string.Join("; ", report.Errors)}");
        }
        await Run("members.csv", r => ImportMembers.Handle(db, clock, r, Body.Nato, who, ct));
        await Run("summits.csv", r => ImportSummits.Handle(db, clock, r, who, ct));
        await Run("decisions.csv", r => ImportDecisions.Handle(db, clock, r, who, ct));
        await Run("scenario_washington_2024.csv", r => ImportPositions.Handle(db, clock, r, UkraineInvitation, who, ct));
        await Run("ratification_procedures.csv", r => Accessions.Procedures.Import(db, clock, r, who, ct));
        foreach (var file in AccessionFiles)
            await Run(Path.Combine("accessions", file), r => ImportAccession.Handle(db, clock, r, json: false, who, ct));
        await Run("defence_expenditure_2024.csv", r => Readiness.ImportDefenceExpenditure.Handle(db, clock, r, who, ct));
        await Run(Path.Combine("..", "readiness", "example_floors_and_stocks.csv"), r => Readiness.ImportReadiness.Handle(db, clock, r, who, ct));
        await Run(Path.Combine("..", "assistance", "us_supplemental_2024.csv"), r => Assistance.Importing.ImportTimeline.Handle(db, clock, r, who, ct));
        return reports;
    }
}
