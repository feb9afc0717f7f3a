using Concord.Domain;
using Concord.Domain.Rules;
using Concord.Features.Decisions;

namespace Concord.Features.Tests.Decisions;

public sealed class ConcludeDecisionTests
{
    private static async Task<Result<DecisionView>> Conclude(TestStore store, ConcludeDecision.Request request)
    {
        await using var db = store.NewContext();
        return await ConcludeDecision.Handle(db, store.Clock, Seeded.Invitation, request, new WriteContext("test"), TestContext.Current.CancellationToken);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_outcome_recorded_from_its_source_concludes_the_decision_on_its_day_and_earlier_views_still_show_it_open(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.OpenInvitation(store);

        var concluded = await Conclude(store, new ConcludeDecision.Request(Outcome: "lapsed", Concluded: "2024-07-11", Source: "Washington Summit Declaration"));

        Assert.Null(concluded.Refusal);
        var now = (await Seeded.Get(store, Seeded.Invitation)).Value!;
        Assert.Equal((Outcome.Lapsed, DecisionStatus.Concluded, "Washington Summit Declaration"), (now.Outcome, now.Status, now.ConclusionSource));
        var before = (await Seeded.Get(store, Seeded.Invitation, "2024-07-10")).Value!;
        Assert.Equal((Outcome.Blocked, DecisionStatus.Open), (before.Outcome, before.Status));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_adoption_recorded_while_allies_objections_stand_is_refused_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.OpenInvitation(store);
        var before = await store.EventCount();

        var refused = await Conclude(store, new ConcludeDecision.Request(Outcome: "adopted", Concluded: "2024-07-11", Source: "A forged communiqué"));

        Assert.Equal((RefusalKind.Unprocessable, "outcome"), (refused.Refusal?.Kind, refused.Refusal?.Field));
        Assert.Contains("Germany (object)", refused.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await store.EventCount());
        Assert.Equal(DecisionStatus.Open, (await Seeded.Get(store, Seeded.Invitation)).Value!.Status);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_recorded_outcome_needs_its_source(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.OpenInvitation(store);

        var refused = await Conclude(store, new ConcludeDecision.Request(Outcome: "lapsed", Concluded: "2024-07-11"));

        Assert.Equal((RefusalKind.Invalid, "source"), (refused.Refusal?.Kind, refused.Refusal?.Field));
    }

    private static async Task<Features.Importing.ImportReport> ImportDecisions(TestStore store, string csv)
    {
        await using var db = store.NewContext();
        return await Features.Decisions.ImportDecisions.Handle(db, store.Clock, new StringReader(csv), new WriteContext("test"), TestContext.Current.CancellationToken);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_decisions_file_concludes_a_decision_with_the_outcome_its_row_records_and_later_positions_must_agree_with_it(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);

        var report = await ImportDecisions(store, "id,subject,opened,outcome,concluded,conclusion_source\n" +
            "adopt-the-text-2024,Adopt the text,2024-01-10,adopted,2024-07-11,Summit communiqué\n");

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        var id = Domain.Decisions.DecisionId.Parse("adopt-the-text-2024");
        var view = (await Seeded.Get(store, id)).Value!;
        Assert.Equal((Outcome.Adopted, "Adopted on 2024-07-11, as its source records.", "Summit communiqué"), (view.Outcome, view.Explanation, view.ConclusionSource));
        var objection = await Seeded.Record(store, id, "HUN", "object", "2024-05-01");
        Assert.Equal(RefusalKind.Unprocessable, objection.Refusal?.Kind);
        Assert.Null((await Seeded.Record(store, id, "HUN", "concur", "2024-05-01")).Refusal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_conclusion_dated_before_its_decision_opened_is_refused_by_line_and_the_file_opens_nothing(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var before = await store.EventCount();

        var report = await ImportDecisions(store, "id,subject,opened,outcome,concluded,conclusion_source\n" +
            "fine-decision-2024,Fine,2024-01-10,,,\n" +
            "early-end-2024,Ends too early,2024-01-10,lapsed,2023-12-31,A report\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "concluded"), (error.Line, error.Column));
        Assert.Equal(before, await store.EventCount());
    }
}
