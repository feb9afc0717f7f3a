using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.Forecasting;
using Concord.Features.Members;
using Concord.Features.Tests.Readers;
using NodaTime;

namespace Concord.Features.Tests.Forecasting;

/// <summary>Judgments and the consensus forecast they feed, through the store: what is stored, what is refused, who is shown what.</summary>
public sealed class ForecastDecisionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Reader Secretariat = VisibilityTests.Secretariat;

    /// <summary>A decision every Ally concurs on but Türkiye (objects) and Hungary (a reservation), all stated on 2025-02-01.</summary>
    private static async Task<DecisionId> Blocked(TestStore store, string id = "judged", string classification = "NATO UNCLASSIFIED")
    {
        await VisibilityTests.Open(store, id, classification);
        await using var db = store.NewContext();
        var nato = (await Bodies.Load(db, "NATO", Ct))!;
        foreach (var seat in nato.EligibleOn(new LocalDate(2025, 2, 1)))
        {
            var kind = seat.Member.Value switch { "TUR" => "object", "HUN" => "reservation", _ => "concur" };
            var stated = await RecordPosition.Handle(db, store.Clock, DecisionId.Parse(id),
                new RecordPosition.Request(seat.Member.Value, kind, kind == "reservation" ? "Its parliament first" : null, "test", null, null, "2025-02-01"),
                WriteContext.System, Ct);
            Assert.Null(stated.Refusal);
        }
        return DecisionId.Parse(id);
    }

    internal static async Task<Result<JudgmentView>> Judge(TestStore store, DecisionId id, string member, double? probability, string by, Reader? writer = null,
        string? made = null, string? classification = null, string rationale = "Its parliament's calendar.", string? source = "https://example.org/report")
    {
        await using var db = store.NewContext();
        return await RecordJudgment.Handle(db, store.Clock, id, new RecordJudgment.Request(member, probability, by, rationale, source, made, classification),
            WriteContext.By(writer ?? ReaderTests.Analyst), Ct);
    }

    private static async Task<Result<DecisionForecast>> Forecast(TestStore store, DecisionId id, Reader reader, string? by = "2027-01-29")
    {
        await using var db = store.NewContext();
        return await ForecastDecision.Handle(db, store.Clock, id.Value, by, reader, Ct);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_chance_of_consensus_is_the_product_of_the_blocking_allies_judged_chances_and_says_it_is_a_model(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var id = await Blocked(store);
        Assert.Null((await Judge(store, id, "TUR", 0.5, "2027-01-29")).Refusal);
        Assert.Null((await Judge(store, id, "HUN", 0.4, "2027-01-29")).Refusal);

        var f = (await Forecast(store, id, Secretariat)).Value!;

        Assert.False(f.Withheld);
        Assert.Equal(0.2, f.Probability!.Value, 12);
        Assert.Equal(["HUN", "TUR"], f.WhatItWouldTake.Select(m => m.Member));
        Assert.Equal(0.5, f.WhatItWouldTake[0].IfItConcurs!.Value, 12);
        Assert.Equal("Its parliament's calendar.", f.WhatItWouldTake[0].Judgment!.Rationale);
        Assert.Equal(ReaderTests.Analyst.Actor, f.WhatItWouldTake[0].Judgment!.RecordedBy);
        Assert.Empty(f.Missing);
        Assert.Equal(2, f.Judgments.Count);
        Assert.StartsWith("A model, not a fact", f.Basis, StringComparison.Ordinal);
        Assert.False(f.AtLeast);
        // A horizon after the judgments' own day: each is only a lower bound there, and so is the chance of adoption.
        var later = (await Forecast(store, id, Secretariat, "2027-06-30")).Value!;
        Assert.True(later.AtLeast);
        Assert.Equal(0.2, later.Probability!.Value, 12);
        Assert.All(later.WhatItWouldTake, m => Assert.True(m.AtLeast));
        // The history: no probability while Türkiye alone was judged, then the product.
        Assert.Equal(0.2, f.History[^1].Probability!.Value, 12);
        Assert.Contains(f.History, p => p.Probability is null);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_judgment_is_kept_in_its_own_stream_and_does_not_move_the_decisions_version(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var id = await Blocked(store);
        var before = (await Seeded.Get(store, id)).Value!.Version;

        var judged = await Judge(store, id, "TUR", 0.5, "2027-01-29");

        Assert.Null(judged.Refusal);
        Assert.Equal(before, (await Seeded.Get(store, id)).Value!.Version);
        Assert.Equal("NATO UNCLASSIFIED", judged.Value!.Classification);
        await using var db = store.NewContext();
        var rows = await new Concord.Features.EventLog.EventStore(db).ReadStream(Concord.Features.EventLog.StreamIds.Judgments(id), Ct);
        Assert.Equal("JudgmentRecorded", Assert.Single(rows).Name);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_forecast_lacking_a_judgment_of_a_needed_ally_gives_no_probability_and_names_the_ally(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var id = await Blocked(store);
        await Judge(store, id, "TUR", 0.5, "2027-01-29");

        var f = (await Forecast(store, id, Secretariat)).Value!;

        Assert.Null(f.Probability);
        Assert.Equal(["HUN"], f.Missing);
        Assert.Contains("an unknown is not a zero", f.Basis, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_reader_who_does_not_see_every_position_is_told_only_that_the_forecast_is_withheld(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var id = await Blocked(store);
        await Judge(store, id, "TUR", 0.5, "2027-01-29");
        await Judge(store, id, "HUN", 0.4, "2027-01-29");
        // One position above the analyst's clearance.
        Assert.Null((await VisibilityTests.State(store, id.Value, "FRA", "concur", "2025-03-01", Reader.System, "NATO SECRET")).Refusal);

        var partial = (await Forecast(store, id, ReaderTests.Analyst)).Value!;
        var whole = (await Forecast(store, id, Secretariat)).Value!;

        Assert.True(partial.Withheld);
        Assert.Null(partial.Probability);
        Assert.Empty(partial.WhatItWouldTake);
        Assert.Empty(partial.Judgments);
        Assert.Empty(partial.History);
        Assert.Equal(ForecastDecision.WithheldWords, partial.Basis);
        Assert.False(whole.Withheld);
        Assert.Equal(0.2, whole.Probability!.Value, 12);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_judgment_hidden_from_a_reader_changes_nothing_that_reader_is_given(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var id = await Blocked(store);
        await Judge(store, id, "TUR", 0.5, "2027-01-29");
        var before = (await Forecast(store, id, ReaderTests.Analyst)).Value!;

        Assert.Null((await Judge(store, id, "HUN", 0.4, "2027-01-29", Secretariat, classification: "NATO SECRET")).Refusal);
        var after = (await Forecast(store, id, ReaderTests.Analyst)).Value!;
        var cleared = (await Forecast(store, id, Secretariat)).Value!;

        Assert.Equal(Comparable(before), Comparable(after));
        Assert.Equal(["HUN"], after.Missing);
        Assert.Equal(0.2, cleared.Probability!.Value, 12);
        await using var db = store.NewContext();
        var feed = await ReadableLog.Feed(db, 0, 100_000, ReaderTests.Analyst, Ct);
        Assert.Single(feed.Events, e => e.Name == "JudgmentRecorded");
    }

    private static string Comparable(DecisionForecast f) =>
        System.Text.Json.JsonSerializer.Serialize(f with { AsOf = default }, ConcordJson.Options);

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_judgment_is_shown_in_the_feed_only_to_a_reader_who_sees_the_whole_decision(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var id = await Blocked(store);
        await Judge(store, id, "TUR", 0.5, "2027-01-29");
        Assert.Null((await VisibilityTests.State(store, id.Value, "FRA", "concur", "2025-03-01", Reader.System, "NATO SECRET")).Refusal);

        await using var db = store.NewContext();
        var partial = await ReadableLog.Feed(db, 0, 100_000, ReaderTests.Analyst, Ct);
        var whole = await ReadableLog.Feed(db, 0, 100_000, Secretariat, Ct);

        Assert.DoesNotContain(partial.Events, e => e.Name == "JudgmentRecorded");
        Assert.Single(whole.Events, e => e.Name == "JudgmentRecorded");
    }

    public static TheoryData<double?, string, string?, string, RefusalKind> BadJudgments() => new()
    {
        { 1.5, "TUR", null, "probability", RefusalKind.Unprocessable },
        { -0.01, "TUR", null, "probability", RefusalKind.Unprocessable },
        { null, "TUR", null, "probability", RefusalKind.Invalid },
        // Sweden sat from 2024-03-07; Ukraine never.
        { 0.5, "SWE", "2023-06-01", "member", RefusalKind.Unprocessable },
        { 0.5, "UKR", null, "member", RefusalKind.Unprocessable },
        { 0.5, "TUR", "2027-02-01", "made", RefusalKind.Unprocessable },
    };

    [Theory, MemberData(nameof(BadJudgments))]
    public async Task a_bad_judgment_is_refused_naming_the_field_and_nothing_is_stored(double? probability, string member, string? made, string field, RefusalKind refusal)
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        var id = await Blocked(store);
        var events = await store.EventCount();

        var judged = await Judge(store, id, member, probability, "2027-01-29", made: made);

        Assert.Equal((refusal, field), (judged.Refusal!.Kind, judged.Refusal.Field));
        Assert.Equal(events, await store.EventCount());
    }

    [Fact]
    public async Task a_judgment_on_a_concluded_decision_a_day_before_it_was_made_or_by_a_delegation_is_refused_and_nothing_is_stored()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        var id = await Blocked(store);
        var events = await store.EventCount();

        var concluded = await Judge(store, Seeded.Ukraine, "TUR", 0.5, "2027-01-29");
        var backwards = await Judge(store, id, "TUR", 0.5, "2026-11-29");
        var delegation = await Judge(store, id, "TUR", 0.5, "2027-01-29", ReaderTests.GermanyRestricted);
        var below = await Judge(store, id, "TUR", 0.5, "2027-01-29", classification: "PUBLIC");
        var unsourced = await Judge(store, id, "TUR", 0.5, "2027-01-29", source: null);

        Assert.Equal((RefusalKind.Unprocessable, "id"), (concluded.Refusal!.Kind, concluded.Refusal.Field));
        Assert.Equal((RefusalKind.Unprocessable, "by"), (backwards.Refusal!.Kind, backwards.Refusal.Field));
        Assert.Equal(RefusalKind.Forbidden, delegation.Refusal!.Kind);
        Assert.Equal((RefusalKind.Unprocessable, "classification"), (below.Refusal!.Kind, below.Refusal.Field));
        Assert.Equal((RefusalKind.Invalid, "source"), (unsourced.Refusal!.Kind, unsourced.Refusal.Field));
        Assert.Equal(events, await store.EventCount());
    }

    [Fact]
    public async Task a_judgment_on_a_decision_the_writer_may_not_see_is_answered_as_unknown()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        var id = await Blocked(store, "secret-talks", "NATO SECRET");

        var judged = await Judge(store, id, "TUR", 0.5, "2027-01-29");
        var forecast = await Forecast(store, id, ReaderTests.Analyst);

        Assert.Equal(RefusalKind.NotFound, judged.Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, forecast.Refusal!.Kind);
        Assert.Equal((await Forecast(store, DecisionId.Parse("no-such-decision"), ReaderTests.Analyst)).Refusal!.Reason.Replace("no-such-decision", "secret-talks"),
            forecast.Refusal.Reason);
    }

    [Fact]
    public async Task a_forecast_of_a_concluded_decision_or_by_a_day_already_past_is_refused()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        var id = await Blocked(store);

        var concluded = await Forecast(store, Seeded.Ukraine, Secretariat);
        var past = await Forecast(store, id, Secretariat, "2026-01-01");
        var malformed = await Forecast(store, id, Secretariat, "2026-13-40");

        Assert.Equal((RefusalKind.Unprocessable, "id"), (concluded.Refusal!.Kind, concluded.Refusal.Field));
        Assert.Equal((RefusalKind.Invalid, "by"), (past.Refusal!.Kind, past.Refusal.Field));
        Assert.Equal((RefusalKind.Invalid, "by"), (malformed.Refusal!.Kind, malformed.Refusal.Field));
    }
}
