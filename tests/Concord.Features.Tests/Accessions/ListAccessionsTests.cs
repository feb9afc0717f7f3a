using Concord.Features.Accessions;
using NodaTime;
using static Concord.Features.Tests.Accessions.Candidates;

namespace Concord.Features.Tests.Accessions;

/// <summary>The list says where each accession stands on the day it is read: nothing in it was frozen when a step was recorded.</summary>
public sealed class ListAccessionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task finland_is_pending_on_swedens_protocol_from_the_day_it_joined_without_anything_recorded_that_day(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        // Sweden's protocol, signed on 2022-07-05 by the 30 Allies of the day; all but Hungary and Türkiye deposit in 2022.
        var file = await Import(store, Csv("SWE", "Sweden",
            [Step("invitation", "2022-06-29"), Step("protocolSigned", "2022-07-05"), .. Deposits(PartiesOn("2022-07-05", "HUN", "TUR"), "2022-12-15")]));
        Assert.True(file.Succeeded, string.Join("; ", file.Errors));
        var events = await store.EventCount();

        store.Clock.Reset(Instant.FromUtc(2023, 4, 3, 12, 0));
        var dayBefore = await Sweden(store);
        var viewBefore = await Get(store, "SWE");
        store.Clock.Advance(Duration.FromDays(1));
        var dayJoined = await Sweden(store);
        var viewJoined = await Get(store, "SWE");

        Assert.Equal(events, await store.EventCount());
        Assert.Equal(dayBefore.Version, dayJoined.Version);
        Assert.Equal(("ratification", 30, 28), (dayBefore.Stage, dayBefore.Parties, dayBefore.Ratified));
        // Nothing is recorded of Hungary's, Türkiye's or (once it joined) Finland's procedure: not known, never "pending".
        Assert.Equal(("", "HUN,TUR"), (dayBefore.Pending, string.Join(',', dayBefore.NotKnown.Split(',').Order(StringComparer.Ordinal))));
        Assert.Equal(("ratification", 31, 28), (dayJoined.Stage, dayJoined.Parties, dayJoined.Ratified));
        Assert.Equal(("", "FIN,HUN,TUR"), (dayJoined.Pending, string.Join(',', dayJoined.NotKnown.Split(',').Order(StringComparer.Ordinal))));
        Assert.Equal(["HUN", "TUR"], viewBefore.Status.NotKnown.Select(p => p.Value).Order());
        Assert.Equal(["FIN", "HUN", "TUR"], viewJoined.Status.NotKnown.Select(p => p.Value).Order());
    }

    private static async Task<AccessionSummary> Sweden(TestStore store)
    {
        await using var db = store.NewContext();
        return (await ListAccessions.Handle(db, store.Clock, Ct)).Single(a => a.Candidate == "SWE");
    }
}
