using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Statements;
using NodaTime;

namespace Concord.Features.Tests.Statements;

/// <summary>The researched statements ship with the data pack, through the importer anyone may run.</summary>
public sealed class ImportStatementsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Header = "statement_id,date,date_confidence,actor,actor_role,actor_state,kind,subject,stance,summary,source_ids,accessions,decisions\n";

    private static async Task<IReadOnlyList<StatementView>> List(TestStore store, StatementFilter filter)
    {
        await using var db = store.NewContext();
        return (await ListStatements.Handle(db, store.Clock, filter, Reader.Anonymous, Ct)).Value!;
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_shipped_statements_load_and_the_secretary_general_s_visit_of_2024_04_29_is_on_ukraine_s_timeline(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);

        var all = await List(store, new StatementFilter());
        var ukraine = await List(store, new StatementFilter(Accession: "UKR"));

        Assert.Equal(106, all.Count);
        Assert.Equal(20, all.Count(s => s.Actors.Any(a => a.For == "RUS")));
        var visit = Assert.Single(ukraine, s => s.Id == "ST079");
        Assert.Equal(("2024-04-29", "visit", "neutral", "jens-stoltenberg", "NATO"), (visit.Date, visit.Kind, visit.Stance, visit.Actors[0].Id, visit.Actors[0].For));
        Assert.Contains("invite-ukraine-washington-2024", visit.Decisions);
        // The trilateral memorandum of Madrid: three actors, each for their own state.
        var memorandum = Assert.Single(all, s => s.Id == "ST024");
        Assert.Equal(["TUR", "FIN", "SWE"], memorandum.Actors.Select(a => a.For));
        // Sweden's accession is not shipped: its 29 statements wait on the candidate, and show once it is followed.
        Assert.True((await List(store, new StatementFilter(Accession: "SWE"))).Count >= 29);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_approximate_date_is_an_upper_bound_and_a_statement_is_known_from_its_own_day(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);

        var billstrom = Assert.Single(await List(store, new StatementFilter()), s => s.Id == "ST068");
        var before = await List(store, new StatementFilter(AsOf: new LocalDate(2024, 2, 16)));
        var knownTheDayBefore = await List(store, new StatementFilter(Accession: "UKR", KnownOn: new LocalDate(2024, 4, 28)));
        var knownThatDay = await List(store, new StatementFilter(Accession: "UKR", KnownOn: new LocalDate(2024, 4, 29)));

        Assert.Equal((DateQualifier.OnOrBefore, "on or before 2024-02-17"), (billstrom.When.Qualifier, billstrom.Date));
        Assert.DoesNotContain(before, s => s.Id == "ST068");
        Assert.DoesNotContain(knownTheDayBefore, s => s.Id == "ST079");
        Assert.Contains(knownThatDay, s => s.Id == "ST079");
        Assert.All(knownThatDay, s => Assert.True(s.When.Placed <= new LocalDate(2024, 4, 29)));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_file_with_a_misspelt_column_is_refused_with_a_suggestion_and_stores_nothing(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var before = await store.EventCount();
        await using var db = store.NewContext();

        var report = await ImportStatements.Handle(db, store.Clock, new StringReader(Header.Replace("accessions", "acessions")
            + "T1,2024-03-01,official,Dmitry Peskov,Kremlin spokesman,RUS,statement,ukraine-invitation,opposes,He objected.,S20,UKR,\n"), new WriteContext("test"), Ct);

        var error = Assert.Single(report.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("accessions", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task every_error_of_a_file_is_reported_on_its_line_in_the_file_s_own_column_names_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var before = await store.EventCount();
        await using var db = store.NewContext();

        var report = await ImportStatements.Handle(db, store.Clock, new StringReader(Header
            + "T1,2024-03-01,official,Dmitry Peskov,Kremlin spokesman,RUS,statement,ukraine-invitation,opposes,He objected.,S20,UKR,\n"
            + "T2,2024-03-01,official,Dmitry Peskov; Sergei Lavrov,Kremlin spokesman,RUS;RUS;RUS,statement,ukraine-invitation,opposes,They objected.,S20,UKR,\n"
            + "T3,2024-03-01,official,Dmitry Peskov,Kremlin spokesman,RUS,statement,ukraine-invitation,furious,He objected.,S20,UKR,\n"
            + "T4,2024-03-01,official,Dmitry Peskov,Kremlin spokesman,RUS,statement,ukraine-invitation,opposes,He objected.,S999,UKR,no-such-decision\n"),
            new WriteContext("test"), Ct);

        Assert.Equal([(3, "actor_state"), (4, "stance"), (5, "source_ids")], report.Errors.Select(e => (e.Line, e.Column!)));
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task importing_the_shipped_file_again_adds_nothing(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        using var file = File.OpenText(Path.Combine(Features.Importing.Seeder.DefaultDataDirectory(), "statements", "statements.csv"));

        var report = await ImportStatements.Handle(db, store.Clock, file, new WriteContext("test"), Ct);

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal((106, 0), (report.Rows, report.Added));
    }
}
