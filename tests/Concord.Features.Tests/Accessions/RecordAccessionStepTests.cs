using System.Text.Json;
using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using static Concord.Features.Tests.Accessions.Candidates;

namespace Concord.Features.Tests.Accessions;

/// <summary>Recording steps through the API's use case: refusals store nothing, re-recording is idempotent, dates stay as known.</summary>
public sealed class RecordAccessionStepTests
{
    /// <summary>Serbia, invited on 2023-05-01 and its protocol signed on 2023-06-01 (31 Parties: Sweden joins on 2024-03-07); Germany approved on 2023-09-01.</summary>
    private static readonly StepRequest[] SerbiaSigned =
    [
        Step("application", "2023-03-01"), Step("invitation", "2023-05-01", summit: "vilnius-2023"), Step("protocolSigned", "2023-06-01"),
        Approval("DEU", "2023-09-01"),
    ];

    private static readonly Dictionary<string, (StepRequest Step, RefusalKind Kind, string Reason)> BadSteps = new()
    {
        ["a ratification by sweden before it was a party"] =
            (Approval("SWE", "2023-07-01"), RefusalKind.Unprocessable, "Sweden was not yet a Party on 2023-07-01; it joined on 2024-03-07."),
        ["a ratification by a state that is not an ally"] = (Approval("AUT", "2023-07-01"), RefusalKind.NotFound, "'AUT' is not an Ally."),
        ["a stage dated before the protocols signature"] =
            (Approval("CAN", "2023-05-15"), RefusalKind.Unprocessable, "2023-05-15 is before the signature of the accession protocol (2023-06-01)."),
        ["a deposit dated before the national approval"] =
            (Deposit("DEU", "2023-08-01"), RefusalKind.Unprocessable, "Germany cannot deposit on 2023-08-01 before its national approval (ParliamentaryApproval, 2023-09-01)."),
        ["a date in the future"] = (Deposit("CAN", "2026-11-30"), RefusalKind.Unprocessable, "2026-11-30 is in the future; Concord records what has happened."),
        ["the candidate ratifying its own protocol"] =
            (Approval("SRB", "2023-07-01"), RefusalKind.Unprocessable, "Serbia is the candidate, not a Party to its own protocol."),
        ["an instrument of accession while the protocol is not in force"] =
            (Step("accessionDeposited", "2024-01-02"), RefusalKind.Unprocessable, "Missing step: the protocol is not in force on 2024-01-02; not yet deposited: Albania, "),
        ["the invitation to accede while the protocol is not in force"] =
            (Step("invitationToAccede", "2024-01-02"), RefusalKind.Unprocessable, "Missing step: the protocol is not in force on 2024-01-02; not yet deposited: Albania, "),
        ["a withdrawal by a party that has not ratified"] =
            (Step("ratificationWithdrawn", "2023-10-01", party: "HUN"), RefusalKind.Unprocessable, "Hungary has no ratification to withdraw."),
        ["a date that does not exist"] =
            (Approval("CAN", "2023-02-30"), RefusalKind.Invalid, "'date' is not a date: '2023-02-30'. Use YYYY-MM-DD."),
        ["a window whose last day comes before its first"] =
            (Step("ratification", "2023-09-01/2023-07-01", party: "CAN", stage: "deposit", qualifier: "between"), RefusalKind.Invalid,
                "'date' is an empty window: its last day (2023-07-01) comes before its first (2023-09-01)."),
        ["a window with no last day"] =
            (Step("ratification", "2023-07-01/", party: "CAN", stage: "deposit", qualifier: "between"), RefusalKind.Invalid, "'date' must hold the first and the last day"),
        ["a window that ends after today"] =
            (Step("ratification", "2026-11", party: "CAN", stage: "deposit", qualifier: "month"), RefusalKind.Unprocessable, "in November 2026 ends after today (2026-11-29)"),
        ["a last ratifier before whose deposit another party approved"] =
            (Step("lastRatification", "2023-08-01", party: "CAN"), RefusalKind.Unprocessable,
                "Germany's approval is recorded on 2023-09-01, after Canada's deposit (2023-08-01): Canada cannot have been the last Party to deposit."),
        ["a last ratifier that is not an ally"] =
            (Step("lastRatification", "2023-10-01", party: "AUT"), RefusalKind.Unprocessable, "'AUT' is not an Ally, so not a Party to the protocol"),
        ["a last ratification without its party"] = (Step("lastRatification", "2023-10-01"), RefusalKind.Invalid, "'party' is required."),
        ["a confidence outside the vocabulary"] =
            (Approval("CAN", "2023-07-01") with { Confidence = "reported as sceptical" }, RefusalKind.Invalid,
                "'confidence' must be one of official, reported, derived, inferred, approximate, claimed, or blank when not known"),
        ["a stage the procedures do not have"] =
            (Step("ratification", "2023-07-01", party: "CAN", stage: "referendum"), RefusalKind.Invalid, "'stage' must be one of committee, "),
    };

    public static TheoryData<StoreKind, string> Refusals()
    {
        var data = new TheoryData<StoreKind, string>();
        foreach (var kind in new[] { StoreKind.Sqlite, StoreKind.Postgres })
            foreach (var name in BadSteps.Keys) data.Add(kind, name);
        return data;
    }

    [Theory, MemberData(nameof(Refusals))]
    public async Task bad_input_is_refused_with_a_reason_and_nothing_is_stored(StoreKind kind, string bad)
    {
        await using var store = await WithAllies(kind);
        var before = await Follow(store, "SRB", "Serbia", SerbiaSigned);
        var events = await store.EventCount();
        var (step, refusalKind, reason) = BadSteps[bad];

        var result = await Record(store, "SRB", step);

        Assert.Equal(refusalKind, result.Refusal?.Kind);
        Assert.StartsWith(reason, result.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Equal(events, await store.EventCount());
        var after = await Get(store, "SRB");
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Steps, after.Steps);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_refusal_of_an_instrument_of_accession_lists_every_party_that_has_not_deposited(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        await Follow(store, "SRB", "Serbia", [.. SerbiaSigned, .. Deposits(PartiesOn("2023-06-01", "HUN", "TUR"), "2023-10-02")]);

        var result = await Record(store, "SRB", Step("accessionDeposited", "2024-01-02"));

        Assert.Equal("Missing step: the protocol is not in force on 2024-01-02; not yet deposited: Hungary, Türkiye.", result.Refusal?.Reason);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_second_membership_for_finland_is_refused_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var events = await store.EventCount();

        var result = await Record(store, "FIN", Step("accessionDeposited", "2023-05-02"));

        Assert.Equal(RefusalKind.Conflict, result.Refusal?.Kind);
        Assert.Equal("Finland (FIN) is already a member of NATO since 2023-04-04.", result.Refusal?.Reason);
        Assert.Equal(events, await store.EventCount());
        Assert.Equal(DateWindow.On(Date("2023-04-04")), (await Get(store, "FIN")).Status.MemberSince);
    }

    [Fact]
    public async Task following_an_ally_as_a_candidate_is_refused_and_nothing_is_stored()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        var events = await store.EventCount();

        var result = await Open(store, "FIN", "Finland");

        Assert.Equal(RefusalKind.Conflict, result.Refusal?.Kind);
        Assert.Equal("Finland is already an Ally since 2023-04-04.", result.Refusal?.Reason);
        Assert.Equal(events, await store.EventCount());
    }

    [Fact]
    public async Task a_step_for_a_candidate_not_followed_is_not_found()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        var events = await store.EventCount();

        var result = await Record(store, "SRB", Step("application", "2023-03-01"));

        Assert.Equal(RefusalKind.NotFound, result.Refusal?.Kind);
        Assert.Equal(events, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task re_recording_an_identical_stage_is_idempotent_and_stores_no_new_event(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        var before = await Follow(store, "SRB", "Serbia", SerbiaSigned);
        var events = await store.EventCount();

        var again = await Record(store, "SRB", Approval("DEU", "2023-09-01"));
        var stepAgain = await Record(store, "SRB", Step("protocolSigned", "2023-06-01"));

        Assert.Null(again.Refusal);
        Assert.Null(stepAgain.Refusal);
        Assert.Equal(events, await store.EventCount());
        Assert.Equal(before.Version, again.Value!.Version);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_bounded_date_stays_bounded_in_the_status_and_in_the_api_view(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        await Follow(store, "SRB", "Serbia", [.. SerbiaSigned, Deposit("CAN", "2023-12-31", qualifier: "on_or_before")]);

        var view = await Get(store, "SRB");

        var canada = view.Status.Parties.Single(p => p.Party.Value == "CAN");
        Assert.Equal(DateWindow.OnOrBefore(Date("2023-12-31")), canada.Deposited);
        Assert.Equal(DateWindow.OnOrBefore(Date("2023-12-31")), canada.Ratified);
        Assert.Null(canada.DaysToRatify);
        Assert.Equal(DateWindow.OnOrBefore(Date("2023-12-31")), view.Steps.Single(s => s.Party == "CAN").Date);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(view, ConcordJson.Options));
        var row = json.RootElement.GetProperty("status").GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("party").GetString() == "CAN");
        Assert.Equal("2023-12-31", row.GetProperty("deposited").GetProperty("latest").GetString());
        Assert.Equal("onOrBefore", row.GetProperty("deposited").GetProperty("qualifier").GetString());
        var step = json.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.TryGetProperty("party", out var p) && p.GetString() == "CAN");
        Assert.Equal("onOrBefore", step.GetProperty("date").GetProperty("qualifier").GetString());
    }

    [Fact]
    public async Task montenegros_bounded_entry_into_force_stays_bounded_in_the_list_and_the_api_view()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        await using var db = store.NewContext();

        var row = (await ListAccessions.Handle(db, store.Clock, TestContext.Current.CancellationToken)).Single(r => r.Candidate == "MNE");
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(await Get(store, "MNE"), ConcordJson.Options));

        // The Netherlands' act entered into force on 2017-06-01 and a source names it last: the window opens there.
        Assert.Equal("between 2017-06-01 and 2017-06-05", row.EnteredIntoForce);
        Assert.Equal("2017-06-05", row.MemberSince);
        var inForce = json.RootElement.GetProperty("status").GetProperty("enteredIntoForce");
        Assert.Equal(("2017-06-05", "between"), (inForce.GetProperty("latest").GetString(), inForce.GetProperty("qualifier").GetString()));
    }

    [Fact]
    public async Task a_bounded_date_counts_from_its_bound_in_as_of_views()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        await Follow(store, "SRB", "Serbia", [.. SerbiaSigned, Deposit("CAN", "2023-12-31", qualifier: "on_or_before")]);

        Assert.Null((await Get(store, "SRB", "2023-12-30")).Status.Parties.Single(p => p.Party.Value == "CAN").Deposited);
        Assert.Equal(DateWindow.OnOrBefore(Date("2023-12-31")), (await Get(store, "SRB", "2023-12-31")).Status.Parties.Single(p => p.Party.Value == "CAN").Deposited);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task history_entered_out_of_order_lands_in_the_right_place_in_every_as_of_view(StoreKind kind)
    {
        StepRequest[] stages =
        [
            Approval("CAN", "2023-07-01"), Deposit("CAN", "2023-07-20"), Step("ratification", "2023-08-15", party: "TUR", stage: "committee"),
            Approval("DEU", "2023-09-01"), Approval("HUN", "2023-10-05"), Deposit("HUN", "2023-10-05"), Deposit("DEU", "2023-11-30", qualifier: "on_or_before"),
        ];
        await using var store = await WithAllies(kind);
        await Follow(store, "SRB", "Serbia", [.. SerbiaSigned[..3], .. stages]);
        await Follow(store, "BIH", "Bosnia and Herzegovina", [.. SerbiaSigned[..3], .. Enumerable.Reverse(stages)]);

        foreach (var asOf in new[] { "2023-06-30", "2023-07-01", "2023-07-19", "2023-07-20", "2023-08-15", "2023-09-01", "2023-10-04", "2023-10-05", "2023-11-29", "2023-11-30", "2026-11-29" })
        {
            var (inOrder, outOfOrder) = (await Get(store, "SRB", asOf), await Get(store, "BIH", asOf));
            Assert.Equal(Describe(inOrder), Describe(outOfOrder));
            Assert.Equal(ByDay(inOrder), ByDay(outOfOrder));
        }
        var july = await Get(store, "BIH", "2023-07-01");
        Assert.Equal(30, july.Status.Parties.Single(p => p.Party.Value == "CAN").DaysToRatify);
        Assert.Null((await Get(store, "BIH", "2023-06-30")).Status.Parties.Single(p => p.Party.Value == "CAN").Ratified);
        Assert.StartsWith("As of 2023-10-05, 3 of 31 Parties had ratified", (await Get(store, "BIH", "2023-10-05")).Status.Summary, StringComparison.Ordinal);
        var timeline = (await Get(store, "BIH")).Steps.Select(s => s.Date.Latest).ToList();
        Assert.Equal(timeline.Order(), timeline);
    }

    [Fact]
    public async Task stages_of_one_day_appear_in_the_timeline_in_the_order_of_the_procedure_whatever_the_order_they_were_recorded_in()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        await Follow(store, "SRB", "Serbia", [.. SerbiaSigned[..3], Deposit("HUN", "2023-10-05"), Approval("HUN", "2023-10-05")]);

        var timeline = (await Get(store, "SRB")).Steps.Where(s => s.Party == "HUN").Select(s => s.Stage);

        Assert.Equal([RatificationStage.ParliamentaryApproval, RatificationStage.Deposit], timeline);
    }

    /// <summary>The timeline day by day; the order within a day is another test's concern.</summary>
    private static IEnumerable<StepView> ByDay(AccessionView view) =>
        view.Steps.OrderBy(s => s.Date.Latest).ThenBy(s => s.Party, StringComparer.Ordinal).ThenBy(s => s.Stage).ToList();

    private static string Describe(AccessionView view)
    {
        var s = view.Status;
        return $"{s.Stage} | {s.Summary} | {s.RatifiedCount} | {string.Join(",", s.Pending)} | {s.EnteredIntoForce} | {s.Spread} | "
            + string.Join("; ", s.Parties.Select(p => $"{p.Party} {p.Ratified} {p.Deposited} {p.DaysToRatify} {string.Join(",", p.Stages.Select(x => $"{x.Stage}@{x.Date}"))}"));
    }
}
