using System.Text.Json;
using Concord.Domain;
using Concord.Features.Accessions;
using Concord.Features.Forecasting;
using Concord.Features.Sources;
using Concord.Features.Tests.Accessions;
using NodaTime;

namespace Concord.Features.Tests.Forecasting;

/// <summary>The accession forecast over the shipped history (every round since 1999), through the store.</summary>
public sealed class ForecastAccessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Result<AccessionForecast>> Forecast(TestStore store, string candidate, string? asOf, string? by = null)
    {
        await using var db = store.NewContext();
        return await ForecastAccession.Handle(db, store.Clock, candidate, asOf, by, Ct);
    }

    private static async Task<AccessionForecast> Ok(TestStore store, string candidate, string? asOf, string? by = null)
    {
        var forecast = await Forecast(store, candidate, asOf, by);
        Assert.Null(forecast.Refusal);
        return forecast.Value!;
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task finlands_forecast_as_of_2022_10_01_learns_only_from_accessions_completed_before_then_and_says_it_is_a_model(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);

        var f = await Ok(store, "FIN", "2022-10-01");

        Assert.Equal(["ALB", "BGR", "CZE", "EST", "HRV", "HUN", "LTU", "LVA", "MKD", "MNE", "POL", "ROU", "SVK", "SVN"], f.TrainedOn);
        Assert.StartsWith("A model, not a fact", f.Basis, StringComparison.Ordinal);
        Assert.Equal(new LocalDate(2023, 7, 11), f.By);
        Assert.Contains("Vilnius", f.Horizon, StringComparison.Ordinal);
        Assert.False(f.InForce);
        Assert.InRange(f.EntryIntoForceBy, 0.05, 0.999);
        Assert.Equal(["HUN", "TUR"], f.Parties.Where(p => p.Known != "done").Select(p => p.Party));
        Assert.All(f.Parties.Where(p => p.Known != "done"), p => Assert.InRange(p.ByHorizon!.Value, 0.01, 0.999));
        Assert.All(f.Parties.Where(p => p.Known == "done"), p => Assert.Null(p.ByHorizon));
        // One observation per Party per round: Hungary was a Party in 2004, 2009, 2017 and 2020 (a candidate in 1999).
        Assert.Equal(4, f.Parties.Single(p => p.Party == "HUN").PastRatifications);
        Assert.True(f.EntryIntoForce.Zip(f.EntryIntoForce.Skip(1)).All(x => x.First.Probability <= x.Second.Probability + 1e-12), "The fan chart's distribution function falls somewhere.");
        // Membership follows the candidate's own deposit, after the entry into force: never likelier, never earlier.
        Assert.False(f.Member);
        Assert.InRange(f.MembershipBy!.Value, 0, f.EntryIntoForceBy + 1e-12);
        Assert.True(f.MembershipMedian >= f.Median, $"membership median {f.MembershipMedian}, entry into force median {f.Median}");
        Assert.Contains("Membership follows the candidate's own deposit", f.Basis, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_party_pending_for_longer_gets_a_later_median(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);

        var early = (await Ok(store, "FIN", "2022-10-01")).Parties.Single(p => p.Party == "HUN");
        var late = (await Ok(store, "FIN", "2023-01-15")).Parties.Single(p => p.Party == "HUN");

        Assert.True(late.Median > early.Median, $"{early.Median} as of 2022-10-01, {late.Median} as of 2023-01-15");
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_fact_published_after_the_as_of_day_changes_nothing_in_that_days_forecast(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var before = JsonSerializer.Serialize(await Ok(store, "FIN", "2022-10-01"), ConcordJson.Options);

        // A training accession learns, from a document of 2024, a bound on one of its Parties' approvals (a bound is known
        // from its source's publication; docs/known-on.md); the current one records an act of a day after the forecast's.
        await using (var db = store.NewContext())
            Assert.Null((await RegisterSource.Handle(db, store.Clock,
                new SourceRequest("LATE-2024", null, "press", "Later Gazette", "What we learnt about 2016", "2024-02-01", "https://example.org/late", "en", null),
                new WriteContext("test"), Ct)).Refusal);
        Assert.Null((await Candidates.Record(store, "MNE",
            new StepRequest("ratification", "2016-06-20", "on_or_before", Party: "ALB", Stage: "lowerHouse", Source: "LATE-2024"))).Refusal);
        Assert.Null((await Candidates.Record(store, "FIN", new StepRequest("ratification", "2022-12-01", Party: "TUR", Stage: "committee", Source: "LATE-2024"))).Refusal);
        var after = JsonSerializer.Serialize(await Ok(store, "FIN", "2022-10-01"), ConcordJson.Options);

        Assert.Equal(before, after);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_forecast_before_the_protocols_signature_or_with_a_horizon_before_its_day_is_refused_naming_the_field(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);

        var beforeSignature = await Forecast(store, "FIN", "2022-06-01");
        var noProtocol = await Forecast(store, "UKR", null);
        var backwards = await Forecast(store, "FIN", "2022-10-01", "2022-09-30");
        var unknown = await Forecast(store, "SRB", null);

        Assert.Equal((RefusalKind.Unprocessable, "asOf"), (beforeSignature.Refusal!.Kind, beforeSignature.Refusal.Field));
        Assert.Equal((RefusalKind.Unprocessable, "asOf"), (noProtocol.Refusal!.Kind, noProtocol.Refusal.Field));
        Assert.Equal((RefusalKind.Invalid, "by"), (backwards.Refusal!.Kind, backwards.Refusal.Field));
        Assert.Equal(RefusalKind.NotFound, unknown.Refusal!.Kind);
    }
}
