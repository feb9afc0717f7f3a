using Concord.Features.Assistance.Importing;
using Concord.Features.EventLog;

namespace Concord.Features.Tests.Assistance.Importing;

public sealed class ImportKielMonthlyTests
{
    // data_explorer layout, columns shuffled.
    private const string Release1 = """
        year,month,iso,country,military,financial,humanitarian,total,commitments,to_be_allocated,gdp,pct_gdp
        2024,1,DEU,Germany,1.2,0,0.1,1.3,1.3,0.4,4121.2,0.03
        2024,2,DEU,Germany,0.5,0,0,0.5,,,,
        2024,1,,EU (Commission and Council),0,4.5,0.2,4.7,4.7,0,,
        """;

    private static WriteContext Secretariat => new("test");

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task each_donor_month_is_recorded_once_with_its_release(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        var report = await ImportKielMonthly.Handle(db, store.Clock, new StringReader(Release1), "2024-02", Secretariat, ct);
        Assert.Empty(report.Errors);
        Assert.Equal(3, report.Added);
        var figures = await ImportKielMonthly.Load(db, ct);
        var january = figures[(Domain.Members.MemberCode.Parse("DEU"), 2024, 1)];
        Assert.Equal("2024-02", january.Release);
        Assert.Equal(new KielMonthlyFigures(1.3m, 0m, 0.1m, 1.2m, 1.3m, 0.4m, 4121.2m, 0.03m), january.Figures);
        Assert.Equal(4.7m, figures[(Donors.EuropeanUnion, 2024, 1)].Figures.Total);
        Assert.Null(figures[(Domain.Members.MemberCode.Parse("DEU"), 2024, 2)].Figures.Commitments);

        var again = await ImportKielMonthly.Handle(db, store.Clock, new StringReader(Release1), "2024-02", Secretariat, ct);
        Assert.Equal(0, again.Added);
        Assert.Equal(3, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_newer_release_revises_only_the_months_whose_figures_changed(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await ImportKielMonthly.Handle(db, store.Clock, new StringReader(Release1), "2024-02", Secretariat, ct);
        var release2 = Release1.Replace("2024,2,DEU,Germany,0.5,0,0,0.5", "2024,2,DEU,Germany,0.7,0,0,0.7", StringComparison.Ordinal);
        var report = await ImportKielMonthly.Handle(db, store.Clock, new StringReader(release2), "2024-05", Secretariat, ct);
        Assert.Equal(1, report.Added);
        var rows = await new EventStore(db).ReadStream(StreamIds.KielMonthly, ct);
        var revised = Assert.IsType<KielMonthlyFigureRevised>(EventStore.Deserialize(rows[^1]));
        Assert.Equal(("2024-05", "2024-02", 0.7m), (revised.Release, revised.PreviousRelease, revised.Figures.Total));
        Assert.Equal("Kiel Ukraine Support Tracker release 2024-05", revised.Source);
        Assert.Equal(0.5m, Assert.IsType<KielMonthlyFigureRecorded>(EventStore.Deserialize(rows[1])).Figures.Total);

        var sameReleaseOtherFigures = await ImportKielMonthly.Handle(db, store.Clock,
            new StringReader(release2.Replace("0.7,0,0,0.7", "0.9,0,0,0.9", StringComparison.Ordinal)), "2024-05", Secretariat, ct);
        Assert.Equal((3, "release"), (Assert.Single(sameReleaseOtherFigures.Errors).Line, sameReleaseOtherFigures.Errors[0].Column!));
        Assert.Equal(4, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task bad_rows_are_reported_by_line_and_column_and_nothing_is_stored(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        var file = Release1 + "\n2024,13,FRA,France,1,0,0,1,,,,\n2024,3,ATL,Atlantis,1,0,0,1,,,,\n2024,3,FRA,France,lots,0,0,1,,,,\n2024,1,DEU,Germany,1.2,0,0.1,1.3,,,,";
        var report = await ImportKielMonthly.Handle(db, store.Clock, new StringReader(file), "2024-02", Secretariat, ct);
        Assert.Equal([(5, "month"), (6, "iso"), (7, "military"), (8, "month")], report.Errors.Select(e => (e.Line, e.Column!)));
        Assert.Equal(0, await store.EventCount());
    }
}
