using System.Text.Json;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using static Concord.Features.Tests.Accessions.Candidates;

namespace Concord.Features.Tests.Accessions;

/// <summary>The current accession comes from its read model, evaluated when read; it is the accession the log folds to.</summary>
public sealed class GetAccessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Serbia's path, each step in its own commit: steps in date order (folded onto the row), a bounded deposit, history
    /// entered late and a correction to an earlier date (the stream refolded), a withdrawal and a new deposit, two stages of
    /// one day recorded in the reverse of their order, then a file of several steps at once.
    /// </summary>
    private static async Task Record(TestStore store)
    {
        await Follow(store, "SRB", "Serbia",
            Step("application", "2023-03-01"), Step("invitation", "2023-05-01", summit: "vilnius-2023"), Step("protocolSigned", "2023-06-01"),
            Approval("DEU", "2023-09-01"), Deposit("DEU", "2023-10-01"), Deposit("CAN", "2023-12-31", qualifier: "onOrBefore"),
            Approval("FRA", "2023-11-15"), Approval("DEU", "2023-08-20") with { Corrects = "yes" },
            Deposit("HUN", "2024-01-10"), Step("ratificationWithdrawn", "2024-02-01", party: "HUN"), Deposit("HUN", "2024-03-01"),
            Step("ratification", "2024-03-01", party: "USA", stage: "lowerHouse"), Step("ratification", "2024-03-01", party: "USA", stage: "committee"),
            Step("ratification", "2024-03-01", party: "USA", stage: "committee", source: "another source"));
        var file = await Import(store, Csv("SRB", "Serbia", [Approval("ITA", "2024-03-20"), Deposit("ITA", "2024-04-01"), Deposit("FRA", "2024-04-01")]));
        Assert.True(file.Succeeded, string.Join("; ", file.Errors));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_accession_read_from_its_read_model_is_the_one_folded_from_the_log_today_and_on_any_date_after_its_latest_step(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        await Record(store);

        foreach (var asOf in new[] { null, "2024-04-01", "2024-04-02", "2025-01-01", "2030-06-30" })
        {
            await using var db = store.NewContext();
            var date = asOf is null ? Domain.Zones.BrusselsDate(store.Clock.GetCurrentInstant()) : Date(asOf);
            var read = await GetAccession.Handle(db, store.Clock, MemberCode.Parse("SRB"), asOf is null ? null : date, Ct);
            var folded = await GetAccession.FromLog(db, MemberCode.Parse("SRB"), date, Ct);

            Assert.Null(read.Refusal);
            Assert.Equal(Json(folded.Value), Json(read.Value));
        }
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_timeline_holds_every_act_once_in_the_order_of_the_path_with_the_streams_version(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        await Record(store);

        var now = await Get(store, "SRB");

        Assert.Equal(18, now.Version);
        // The committee's vote recorded again on the same day with another source is one act: its later record replaces the
        // earlier one on the timeline, as in the fold (the log keeps both).
        Assert.Equal(16, now.Steps.Count);
        var usa = now.Steps.Where(s => s.Party == "USA").Select(s => (s.Stage, s.Source)).ToList();
        Assert.Equal([(Domain.Accession.RatificationStage.Committee, "another source"), (Domain.Accession.RatificationStage.LowerHouse, "test")], usa);
        Assert.Equal(Date("2023-08-20"), now.Status.Parties.Single(p => p.Party.Value == "DEU").Ratified?.Latest);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_accession_as_of_a_date_before_its_latest_step_leaves_out_what_came_later(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        await Record(store);

        var before = await Get(store, "SRB", "2024-01-31");

        Assert.Equal(9, before.Steps.Count);
        Assert.DoesNotContain(before.Steps, s => s.Step == Domain.Accession.AccessionStep.RatificationWithdrawn);
        Assert.NotNull(before.Status.Parties.Single(p => p.Party.Value == "HUN").Deposited);
    }

    private static string Json(AccessionView? view) => JsonSerializer.Serialize(view, ConcordJson.Options);
}
