using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Tests.Decisions;

/// <summary>What a read keeps under the log's stamp (a body's seats) follows the members as soon as a commit changes them.</summary>
public sealed class GetDecisionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DecisionId Ukraine = DecisionId.Parse("invite-ukraine-washington-2024");

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_read_of_the_past_on_a_watched_store_sees_a_member_admitted_after_the_body_was_first_read(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        using var watching = LogHeads.Watch(db.Database.GetConnectionString()!);
        var now = store.Clock.GetCurrentInstant();

        var before = (await GetDecision.Handle(db, store.Clock, Ukraine, now, Reader.System, Ct)).Value!;
        var again = (await GetDecision.Handle(db, store.Clock, Ukraine, now, Reader.System, Ct)).Value!;
        var report = await ImportMembers.Handle(db, store.Clock, new StringReader("country,iso_alpha3,accession_date\nAustria,AUT,2025-03-10\n"),
            Body.Nato, new WriteContext("test"), Ct);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        var after = (await GetDecision.Handle(db, store.Clock, Ukraine, now, Reader.System, Ct)).Value!;

        Assert.DoesNotContain(before.Positions, p => p.Member == "AUT");
        Assert.Equal(before.Positions.Count, again.Positions.Count);
        Assert.Contains(after.Positions, p => p.Member == "AUT");
        Assert.Equal(before.Positions.Count + 1, after.Positions.Count);
    }
}
