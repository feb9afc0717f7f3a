using System.Text.Json;
using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Statements;

namespace Concord.Features.Tests.Statements;

/// <summary>A statement of any actor is part of the record around decisions and accessions, and never a position.</summary>
public sealed class RecordStatementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StatementRequest Peskov(string id = "T-RUS-1", string stance = "opposes", IReadOnlyList<string>? decisions = null,
        IReadOnlyList<string>? accessions = null, string date = "2024-03-01", string? classification = null, string actorFor = "RUS") =>
        new(id, date, null, "reported", [new ActorRequest("Dmitry Peskov", "Kremlin spokesman", actorFor)], "statement", "enlargement-general", stance,
            "He said the enlargement of the Alliance to Sweden and Ukraine was a threat.", "S20", decisions, accessions ?? ["SWE", "UKR"], null, classification);

    private static async Task<Result<StatementView>> Record(TestStore store, StatementRequest request, Reader? writer = null)
    {
        await using var db = store.NewContext();
        return await RecordStatement.Handle(db, store.Clock, request, writer is null ? new WriteContext("test") : WriteContext.By(writer), Ct);
    }

    private static async Task<IReadOnlyList<StatementView>> List(TestStore store, StatementFilter filter, Reader? reader = null)
    {
        await using var db = store.NewContext();
        var result = await ListStatements.Handle(db, store.Clock, filter, reader ?? Reader.System, Ct);
        Assert.Null(result.Refusal);
        return result.Value!;
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_russian_statement_appears_on_sweden_s_and_ukraine_s_timelines_and_changes_no_outcome(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var decision = await Seeded.OpenInvitation(store);
        var before = (await Seeded.Get(store, decision)).Value!;

        var recorded = await Record(store, Peskov(decisions: [decision.Value]));

        Assert.Null(recorded.Refusal);
        Assert.Contains(await List(store, new StatementFilter(Accession: "SWE")), s => s.Id == "T-RUS-1");
        Assert.Contains(await List(store, new StatementFilter(Accession: "UKR")), s => s.Id == "T-RUS-1");
        Assert.Contains(await List(store, new StatementFilter(Decision: decision.Value)), s => s.Id == "T-RUS-1");
        var after = (await Seeded.Get(store, decision)).Value!;
        Assert.Equal((before.Outcome, before.Explanation), (after.Outcome, after.Explanation));
        Assert.Equal(JsonSerializer.Serialize(before.Positions), JsonSerializer.Serialize(after.Positions));
        Assert.DoesNotContain(after.Positions, p => p.Member == "RUS");
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task bad_input_is_refused_naming_the_field_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var before = await store.EventCount();
        var cases = new (StatementRequest Request, string Field)[]
        {
            (Peskov(actorFor: "XXQ"), "actors.for"),
            (Peskov(date: "2199-01-01"), "date"),
            (Peskov(stance: "hostile"), "stance"),
            (Peskov(decisions: ["no-such-decision"]), "decisions"),
            (Peskov(accessions: ["ZZZ"]), "accessions"),
            (Peskov() with { Source = "S999" }, "source"),
            (Peskov() with { Actors = [] }, "actors"),
            (Peskov() with { Kind = "rumour" }, "kind"),
            (Peskov() with { Summary = "  " }, "summary"),
            (Peskov() with { Id = "has space" }, "id"),
            (Peskov() with { Date = "2024-02", DateQualifier = "week" }, "dateQualifier"),
        };
        foreach (var (request, field) in cases)
        {
            var refused = await Record(store, request);
            Assert.True(refused.Refusal is not null, $"{field}: accepted");
            Assert.Equal(field, refused.Refusal!.Field);
        }
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_decision_the_writer_may_not_see_is_refused_as_one_that_does_not_exist(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using (var db = store.NewContext())
            Assert.Null((await Features.Decisions.OpenDecision.Handle(db, store.Clock,
                new Features.Decisions.OpenDecision.Request("restricted-question", "A restricted question", null, null, null, null, null, "2024-01-05", "NATO RESTRICTED"),
                new WriteContext("test"), Ct)).Refusal);
        var analyst = new Reader("analyst", new HashSet<Role> { Role.Analyst }, null, Marking.NatoUnclassified);

        var unseen = await Record(store, Peskov(decisions: ["restricted-question"]), analyst);
        var missing = await Record(store, Peskov(decisions: ["no-such-question"]), analyst);

        Assert.Equal(RefusalKind.Invalid, unseen.Refusal!.Kind);
        Assert.Equal(missing.Refusal!.Reason.Replace("no-such-question", "X"), unseen.Refusal.Reason.Replace("restricted-question", "X"));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_delegation_records_only_its_own_state_s_statements_and_an_analyst_any_actor_s(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var germany = new Reader("deu", new HashSet<Role> { Role.Delegation }, MemberCode.Parse("DEU"), Marking.NatoRestricted);
        var analyst = new Reader("analyst", new HashSet<Role> { Role.Analyst }, null, Marking.NatoRestricted);
        var observer = new Reader("observer", new HashSet<Role> { Role.Observer }, null, Marking.Public);

        var own = await Record(store, Peskov("T-DEU", actorFor: "DEU") with { Actors = [new ActorRequest("Olaf Scholz", "Chancellor", "DEU")] }, germany);
        var other = await Record(store, Peskov("T-DEU-RUS"), germany);
        var byAnalyst = await Record(store, Peskov("T-ANALYST"), analyst);
        var byObserver = await Record(store, Peskov("T-OBSERVER"), observer);

        Assert.Null(own.Refusal);
        Assert.Equal((RefusalKind.Forbidden, "actors"), (other.Refusal!.Kind, other.Refusal.Field));
        Assert.Null(byAnalyst.Refusal);
        Assert.Equal(RefusalKind.Forbidden, byObserver.Refusal!.Kind);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_statement_a_reader_may_not_see_is_neither_listed_nor_counted_nor_found_on_its_actor_s_page(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        Assert.Null((await Record(store, Peskov("T-HIDDEN", classification: "NATO RESTRICTED") with { Source = null, Accessions = ["SWE"] })).Refusal);

        Assert.Empty(await List(store, new StatementFilter(Accession: "SWE"), Reader.Anonymous));
        Assert.Single(await List(store, new StatementFilter(Accession: "SWE"), Reader.System));
        await using var db = store.NewContext();
        Assert.Null(await ListStatements.One(db, store.Clock, "T-HIDDEN", Reader.Anonymous, Ct));
        var page = await GetActor.Handle(db, store.Clock, "dmitry-peskov", Reader.Anonymous, null, null, Ct);
        var never = await GetActor.Handle(db, store.Clock, "nobody-at-all", Reader.Anonymous, null, null, Ct);
        Assert.Equal(RefusalKind.NotFound, page.Refusal!.Kind);
        Assert.Equal(never.Refusal!.Reason.Replace("nobody-at-all", "X"), page.Refusal.Reason.Replace("dmitry-peskov", "X"));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_same_record_again_stores_nothing_and_another_record_under_its_id_is_refused(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        Assert.Null((await Record(store, Peskov())).Refusal);
        var count = await store.EventCount();

        var again = await Record(store, Peskov());
        var other = await Record(store, Peskov(stance: "neutral"));

        Assert.Null(again.Refusal);
        Assert.Equal(RefusalKind.Conflict, other.Refusal!.Kind);
        Assert.Equal(count, await store.EventCount());
        Assert.Equal("opposes", Assert.Single(await List(store, new StatementFilter(Actor: "dmitry-peskov")), s => s.Id == "T-RUS-1").Stance);
    }
}
