using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using NodaTime;

namespace Concord.Features.Tests.Accessions;

/// <summary>What the shipped data alone says about past accessions.</summary>
public sealed class ShippedAccessionsTests
{
    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task finland_became_a_member_on_2023_04_04_when_its_protocol_entered_into_force_with_turkiye_the_last_ratifier(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var status = await Status(store, "FIN");
        Assert.Equal(DateWindow.On(new LocalDate(2023, 4, 4)), status.EnteredIntoForce);
        Assert.Equal(DateWindow.On(new LocalDate(2023, 4, 4)), status.MemberSince);
        Assert.Equal("TUR", status.LastRatifier?.Value);
        Assert.Equal(30, status.Parties.Count);
        Assert.Equal("member", status.Stage);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task as_of_2023_03_01_finlands_accession_shows_exactly_hungary_and_turkiye_pending(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var status = await Status(store, "FIN", new LocalDate(2023, 3, 1));
        Assert.Equal(["HUN", "TUR"], status.Pending.Select(p => p.Value));
        Assert.Equal(28, status.RatifiedCount);
        Assert.Null(status.EnteredIntoForce);
        Assert.Equal("As of 2023-03-01, 28 of 30 Parties had ratified (2 of them as reported, 1 derived); Hungary and Türkiye pending for 239 days.", status.Summary);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite, "MKD", "2020-03-18", 3, 26)]
    [InlineData(StoreKind.Postgres, "MKD", "2020-03-18", 3, 26)]
    [InlineData(StoreKind.Sqlite, "MNE", "2017-06-04", 6, 22)]
    [InlineData(StoreKind.Postgres, "MNE", "2017-06-04", 6, 22)]
    public async Task an_accession_whose_dates_are_missing_from_the_sources_names_no_party_as_pending_and_says_how_many_are_not_known(
        StoreKind kind, string candidate, string asOf, int ratified, int notKnown)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var status = await Status(store, candidate, LocalDate.FromDateTime(DateTime.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Empty(status.Pending);
        Assert.Null(status.DaysPending);
        Assert.NotEmpty(status.NotKnown);
        Assert.Equal(status.Parties.Count, status.RatifiedCount + status.NotKnown.Count);
        Assert.Equal((ratified, notKnown), (status.RatifiedCount, status.NotKnown.Count));
        Assert.DoesNotContain("pending", status.Summary, StringComparison.Ordinal);
        Assert.Contains($"for {status.NotKnown.Count} Parties the sources date no ratification by then (not known)", status.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MKD", 2020, 3, 27)]
    [InlineData("MNE", 2017, 6, 5)]
    public async Task the_shipped_accessions_give_their_real_membership_dates(string candidate, int year, int month, int day)
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        var status = await Status(store, candidate);
        Assert.Equal(DateWindow.On(new LocalDate(year, month, day)), status.MemberSince);
        Assert.NotNull(status.EnteredIntoForce);
        Assert.True(status.EnteredIntoForce!.Value.Latest <= new LocalDate(year, month, day));
    }

    [Fact]
    public async Task north_macedonias_protocol_is_in_force_on_2020_03_19_exactly_as_the_depositary_recorded_it_while_the_deposits_stay_bounds()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        var status = await Status(store, "MKD");
        Assert.Equal(DateWindow.On(new LocalDate(2020, 3, 19)), status.EnteredIntoForce);
        Assert.Null((await Status(store, "MKD", new LocalDate(2020, 3, 18))).EnteredIntoForce);
        Assert.Equal(29, status.Parties.Count);
        // No deposit day is invented from it: the Parties' deposits stay "on or before".
        Assert.Equal(DateWindow.OnOrBefore(new LocalDate(2020, 3, 19)), status.Parties.Single(p => p.Party.Value == "BEL").Deposited);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task ukraines_path_lists_the_seven_milestones_from_bucharest_to_the_hague_each_with_its_source(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        var steps = (await GetAccession.Handle(db, store.Clock, MemberCode.Parse("UKR"), null, TestContext.Current.CancellationToken)).Value!.Steps;

        Assert.Equal(
        [
            (AccessionStep.Declaration, "2008-04-03", "bucharest-2008", "S29;S40b", "official"),
            (AccessionStep.Declaration, "2021-06-14", "brussels-2021", "S37", "reported"),
            (AccessionStep.Application, "2022-09-30", null, "S40", "reported"),
            (AccessionStep.Declaration, "2023-07-11", "vilnius-2023", "S33", "reported"),
            (AccessionStep.Declaration, "2023-07-12", "vilnius-2023", "S33c", "derived"),
            (AccessionStep.Declaration, "2024-07-10", "washington-2024", "S34", "reported"),
            (AccessionStep.Declaration, "2025-06-25", "the-hague-2025", "S35", "reported"),
        ], steps.Where(s => s.Step is AccessionStep.Declaration or AccessionStep.Application)
            .Select(s => (s.Step, s.Date.ToString(), s.Summit, s.Source, s.Confidence)));
        Assert.Equal(["2023-07-11", "2023-07-11"],
            steps.Where(s => s.Step is AccessionStep.MapWaived or AccessionStep.InvitationDecision).Select(s => s.Date.ToString()));
    }

    [Fact]
    public async Task ukraines_path_is_open_and_its_next_step_is_an_invitation_by_consensus_whose_linked_decision_ended_without_it()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        var status = await Status(store, "UKR");
        var before = await Status(store, "UKR", new LocalDate(2024, 1, 1));

        Assert.Equal("applied", status.Stage);
        Assert.Null(status.MemberSince);
        Assert.Equal("A political invitation by consensus of the Allies: the Council decision 'invite-ukraine-washington-2024' ended without consensus " +
            "on 2024-07-11; no later decision is linked to this path.", status.NextStep);
        Assert.Equal("A political invitation: the Council decision 'invite-ukraine-washington-2024' must be adopted by consensus.", before.NextStep);
        await using var db = store.NewContext();
        var knownEarlier = await GetAccession.Handle(db, store.Clock, MemberCode.Parse("UKR"), null, TestContext.Current.CancellationToken, new LocalDate(2024, 5, 1));
        Assert.Equal(before.NextStep, knownEarlier.Value!.Status.NextStep);
    }

    /// <summary>
    /// The rows that record what the sources say of the last Party (data/nato/sources.csv): Spain for North Macedonia
    /// (S61, S65), the Netherlands for Montenegro (S70); each deposit within the days the other sources allow.
    /// </summary>
    public const string LastRatifiers = """
        candidate,candidate_name,step,party,stage,date,date_qualifier,decision,summit,signatories,source,confidence,note
        MKD,North Macedonia,lastRatification,ESP,,2020-03-17/2020-03-19,between,,,,S61;S65,reported,"Spain was the last Party to ratify (29th) (S61); after the Dutch Senate only France and Spain remained (S65). Its deposit followed the King's signature of 2020-03-17 and came by the entry into force of 2020-03-19 (S62)."
        MNE,Montenegro,lastRatification,NLD,,2017-06-01/2017-06-05,between,,,,S70,reported,"The Netherlands was the last Ally to complete its ratification: its act entered into force on 2017-06-01 (S70); its deposit came by Montenegro's membership on 2017-06-05 (S57)."
        """;

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task with_the_sources_naming_spain_and_the_netherlands_last_each_is_the_last_ratifier_and_still_no_party_was_pending_the_day_before(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var lines = LastRatifiers.Split('\n');
        foreach (var candidate in new[] { "MKD", "MNE" })
        {
            var file = lines[0] + "\n" + lines.Single(l => l.StartsWith(candidate, StringComparison.Ordinal)) + "\n";
            var report = await Candidates.Import(store, file);
            Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        }

        var macedonia = await Status(store, "MKD");
        Assert.Equal("ESP", macedonia.LastRatifier?.Value);
        Assert.Equal(("ESP", (int?)null), (macedonia.CriticalPath[0].Party.Value, macedonia.CriticalPath[0].DelayDays));
        Assert.Equal(DateWindow.On(new LocalDate(2020, 3, 19)), macedonia.EnteredIntoForce);
        var montenegro = await Status(store, "MNE");
        Assert.Equal("NLD", montenegro.LastRatifier?.Value);
        // The last deposit came after the Dutch act of 2017-06-01: so did the entry into force, no longer only "on or before 2017-06-05".
        Assert.Equal(DateWindow.Between(new LocalDate(2017, 6, 1), new LocalDate(2017, 6, 5)), montenegro.EnteredIntoForce);
        foreach (var (candidate, asOf) in new[] { ("MKD", new LocalDate(2020, 3, 18)), ("MNE", new LocalDate(2017, 6, 4)) })
        {
            var before = await Status(store, candidate, asOf);
            Assert.Empty(before.Pending);
            Assert.Null(before.LastRatifier);
        }
    }

    private static async Task<AccessionStatus> Status(TestStore store, string candidate, LocalDate? asOf = null)
    {
        await using var db = store.NewContext();
        var result = await GetAccession.Handle(db, store.Clock, MemberCode.Parse(candidate), asOf, TestContext.Current.CancellationToken);
        Assert.Null(result.Refusal);
        return result.Value!.Status;
    }
}
