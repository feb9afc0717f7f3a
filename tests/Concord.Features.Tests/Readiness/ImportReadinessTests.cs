using Concord.Features.Readiness;

namespace Concord.Features.Tests.Readiness;

public sealed class ImportReadinessTests
{
    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_row_citing_a_source_id_that_is_not_registered_is_refused_on_its_line_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        var before = await store.EventCount();

        var report = await ImportReadiness.Handle(db, store.Clock, new StringReader(
            "ally,kind,category,quantity,unit,on,lead_days,basis,source\n" +
            "DEU,floor,air-defence,4,,,,,EXAMPLE-floors-2024\n" +
            "POL,stock,air-defence,6,systems,2025-01-01,30,reported,EXAMPLE-stock-2024\n" +
            "POL,gdp,,900,,2024,,,\"IMF, October 2024\"\n"), WriteContext.System, TestContext.Current.CancellationToken);

        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "source"), (error.Line, error.Column));
        Assert.Contains("EXAMPLE-stock-2024", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.EventCount());
    }
}
