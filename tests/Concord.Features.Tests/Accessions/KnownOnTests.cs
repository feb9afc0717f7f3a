using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Domain.Sources;
using Concord.Features.Accessions;
using Concord.Features.Importing;
using Concord.Features.Sources;
using NodaTime;

namespace Concord.Features.Tests.Accessions;

/// <summary>"Known on": a view of the past shows only what had been published by the day asked.</summary>
public sealed class KnownOnTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<AccessionView> View(TestStore store, string candidate, LocalDate? asOf, LocalDate? knownOn)
    {
        await using var db = store.NewContext();
        var result = await GetAccession.Handle(db, store.Clock, MemberCode.Parse(candidate), asOf, Ct, knownOn);
        Assert.Null(result.Refusal);
        return result.Value!;
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task finland_as_of_and_known_on_2023_03_28_shows_nothing_published_later_but_the_2022_approvals_and_hungarys_vote(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var day = new LocalDate(2023, 3, 28);

        var view = await View(store, "FIN", day, day);

        Assert.Equal(day, view.KnownOn);
        await using var db = store.NewContext();
        var book = await SourceBook.Load(db, Ct);
        var cited = view.Steps.SelectMany(s => book.Resolve(s.Source)).SelectMany(c => c.Documents).ToList();
        Assert.NotEmpty(cited);
        Assert.All(cited, d => Assert.True(Publication.KnownFrom(d.Published) is { } p && p <= day, $"{d.Id} ({d.Published ?? "undated"}) is shown on {day}"));
        Assert.All(view.Steps, s => Assert.True(s.Date.HappenedBy(day)));
        Assert.DoesNotContain(view.Steps, s => s.Note?.Contains("2023-03-31", StringComparison.Ordinal) == true);
        var vote = Assert.Single(view.Steps, s => s.Party == "HUN" && s.Stage == RatificationStage.ParliamentaryApproval);
        Assert.Equal(DateWindow.On(new LocalDate(2023, 3, 27)), vote.Date);
        Assert.Contains("182 for", vote.Note, StringComparison.Ordinal);
        Assert.True(view.Steps.Count(s => s.Step == AccessionStep.Ratification && s.Date.Placed.Year == 2022) >= 20);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_note_and_a_source_appear_only_once_published_and_a_bound_only_once_its_source_is(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using (var db = store.NewContext())
        {
            var sources = await ImportSources.Handle(db, store.Clock, new StringReader(
                "source_id,kind,publisher,title,published\nK1,press,Example Daily,Vote report,2024-02-20\nK2,official,Example Gazette,Notice of deposit,2024-03-15\n"),
                new WriteContext("test"), Ct);
            Assert.Empty(sources.Errors);
            var report = await ImportAccession.Handle(db, store.Clock, new StringReader(
                "candidate,candidate_name,step,party,stage,date,date_qualifier,source,note\n" +
                "BIH,Bosnia and Herzegovina,invitation,,,2024-01-05,on,,\n" +
                "BIH,Bosnia and Herzegovina,protocolSigned,,,2024-01-10,on,,\n" +
                "BIH,Bosnia and Herzegovina,ratification,DEU,parliamentaryApproval,2024-02-15,on,K1,Reported 500 for.\n" +
                "BIH,Bosnia and Herzegovina,ratification,DEU,deposit,2024-03-01,onOrBefore,K2,Day not given.\n"), json: false, new WriteContext("test"), Ct);
            Assert.Empty(report.Errors);
        }
        var asOf = new LocalDate(2024, 3, 31);

        var early = await View(store, "BIH", asOf, new LocalDate(2024, 2, 16));
        var reported = await View(store, "BIH", asOf, new LocalDate(2024, 2, 20));
        var later = await View(store, "BIH", asOf, new LocalDate(2024, 3, 15));

        var vote = Assert.Single(early.Steps, s => s.Stage == RatificationStage.ParliamentaryApproval);
        Assert.Equal((null, null), (vote.Note, vote.Source));
        Assert.DoesNotContain(early.Steps, s => s.Stage == RatificationStage.Deposit);
        var known = Assert.Single(reported.Steps, s => s.Stage == RatificationStage.ParliamentaryApproval);
        Assert.Equal(("Reported 500 for.", "K1"), (known.Note, known.Source));
        Assert.DoesNotContain(reported.Steps, s => s.Stage == RatificationStage.Deposit);
        Assert.Equal(DateWindow.OnOrBefore(new LocalDate(2024, 3, 1)), Assert.Single(later.Status.Parties, p => p.Party.Value == "DEU").Deposited);
        Assert.Null(Assert.Single(reported.Status.Parties, p => p.Party.Value == "DEU").Deposited);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task known_on_today_or_later_reads_everything_recorded(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var today = Domain.Zones.BrusselsDate(store.Clock.GetCurrentInstant());

        var all = await View(store, "FIN", null, null);
        var known = await View(store, "FIN", null, today);

        Assert.Null(known.KnownOn);
        Assert.Equal(all.Steps, known.Steps);
    }
}
