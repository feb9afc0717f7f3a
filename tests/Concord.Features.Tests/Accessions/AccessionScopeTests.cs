using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Accessions;
using static Concord.Features.Tests.Accessions.Candidates;

namespace Concord.Features.Tests.Accessions;

/// <summary>
/// Who records what on a candidate's path: the secretariat any step, a delegation only its own state's ratification,
/// a candidate's delegation only its own application, approval of the Treaty and instrument of accession.
/// </summary>
public sealed class AccessionScopeTests
{
    private static readonly StepRequest[] SerbiaSigned =
        [Step("application", "2023-03-01"), Step("invitation", "2023-05-01", summit: "vilnius-2023"), Step("protocolSigned", "2023-06-01"), Approval("DEU", "2023-09-01")];

    private static readonly Reader Germany = Readers.ReaderTests.Of(Role.Delegation, "DEU", Marking.NatoRestricted);
    private static readonly Reader Ukraine = Readers.ReaderTests.Of(Role.CandidateDelegation, "UKR", Marking.NatoRestricted);
    private static readonly Reader Serbia = Readers.ReaderTests.Of(Role.CandidateDelegation, "SRB", Marking.NatoRestricted);

    private static readonly Dictionary<string, (Reader Who, StepRequest Step, string Reason)> OutOfScope = new()
    {
        ["germany recording france's ratification"] = (Germany, Approval("FRA", "2023-09-01"), "The delegation of Germany may record only Germany's ratification, not France's."),
        ["germany recording the protocol's signature"] = (Germany, Step("protocolSigned", "2023-06-01"), "Only the secretariat records this step of Serbia's accession."),
        ["ukraine recording serbia's approval of the treaty"] = (Ukraine, Step("candidateApproval", "2023-10-01"), "The delegation of UKR may record only UKR's own accession steps, not Serbia's."),
        ["serbia recording a party's ratification"] = (Serbia, Approval("FRA", "2023-09-01"), "Only France's delegation or the secretariat records France's ratification."),
        ["serbia recording its own invitation"] = (Serbia, Step("invitation", "2023-05-02"), "Only the secretariat records this step of Serbia's accession."),
    };

    public static TheoryData<StoreKind, string> Cases()
    {
        var data = new TheoryData<StoreKind, string>();
        foreach (var kind in new[] { StoreKind.Sqlite, StoreKind.Postgres })
            foreach (var name in OutOfScope.Keys) data.Add(kind, name);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task a_step_outside_the_writers_scope_is_refused_and_nothing_is_stored(StoreKind kind, string name)
    {
        await using var store = await WithAllies(kind);
        await Follow(store, "SRB", "Serbia", SerbiaSigned);
        var events = await store.EventCount();
        var (who, step, reason) = OutOfScope[name];

        var result = await As(store, who, "SRB", step);

        Assert.Equal((RefusalKind.Forbidden, reason), (result.Refusal?.Kind, result.Refusal?.Reason));
        Assert.Equal(events, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_delegation_records_its_own_ratification_and_a_candidate_its_own_steps(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        await Follow(store, "SRB", "Serbia", SerbiaSigned);

        var deposit = await As(store, Germany, "SRB", Deposit("DEU", "2023-10-02"));
        var approval = await As(store, Serbia, "SRB", Step("candidateApproval", "2023-10-03"));

        Assert.Null(deposit.Refusal);
        Assert.Null(approval.Refusal);
    }

    [Fact]
    public async Task only_the_secretariat_or_the_candidates_own_delegation_starts_following_an_accession()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        await using var db = store.NewContext();
        var ct = TestContext.Current.CancellationToken;

        var byGermany = await RecordAccessionStep.Open(db, store.Clock, new RecordAccessionStep.OpenRequest("SRB", "Serbia"), WriteContext.By(Germany), ct);
        var bySerbia = await RecordAccessionStep.Open(db, store.Clock, new RecordAccessionStep.OpenRequest("SRB", "Serbia"), WriteContext.By(Serbia), ct);

        Assert.Equal(RefusalKind.Forbidden, byGermany.Refusal?.Kind);
        Assert.Null(bySerbia.Refusal);
    }

    private static async Task<Result<AccessionView>> As(TestStore store, Reader who, string candidate, StepRequest step)
    {
        await using var db = store.NewContext();
        return await RecordAccessionStep.Handle(db, store.Clock, MemberCode.Parse(candidate), step, WriteContext.By(who), TestContext.Current.CancellationToken);
    }
}
