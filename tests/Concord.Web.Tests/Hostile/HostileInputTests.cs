using Microsoft.Extensions.DependencyInjection;

namespace Concord.Web.Tests.Hostile;

/// <summary>
/// The hostile-input suite, generated from the OpenAPI document the host serves: every operation gets every category
/// (dates at and past the calendar's ends, numbers at and past the bounds, control, bidirectional, NUL, zero-width and
/// formula text, odd ids, duplicate keys, unmapped members, wrong content types) as its allowed caller, and every other
/// caller is tried once. No answer is a 5xx; every refusal is a ProblemDetails, naming the field for a 400 or 422; a
/// refused write leaves the log's head where it was; a value the input policy forbids is never accepted; every read
/// still answers 200 after each category. The categories that reach the store's types run on PostgreSQL too.
/// </summary>
public sealed class HostileInputTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    public static TheoryData<Category> SqliteCategories => [.. Enum.GetValues<Category>()];

    [Fact]
    public async Task every_operation_in_the_openapi_document_has_a_generator_for_its_parameters_and_body()
    {
        var suite = new HostileSuite(factory, "SQLite");
        await suite.Load();

        Assert.NotEmpty(suite.Operations);
        var missing = suite.Operations.SelectMany(suite.Ungenerated).ToList();
        Assert.True(missing.Count == 0, "The hostile-input suite cannot generate:\n" + string.Join("\n", missing));
        foreach (var operation in suite.Operations)
            TestContext.Current.TestOutputHelper?.WriteLine($"{operation.Shown}: " + string.Join(", ",
                Enum.GetValues<Category>().Select(c => $"{c} {suite.Probes(operation, c).Count()}")));
        var unprobed = suite.Operations.Where(o => Enum.GetValues<Category>().All(c => !suite.Probes(o, c).Any())).Select(o => o.Shown).ToList();
        Assert.True(unprobed.Count == 0, "No hostile input for:\n" + string.Join("\n", unprobed));
    }

    [Theory]
    [MemberData(nameof(SqliteCategories))]
    public async Task no_hostile_input_gets_a_5xx_an_unnamed_refusal_a_changed_log_or_a_broken_read(Category category) =>
        await Probe(factory, "SQLite", category);

    [Fact]
    public async Task a_caller_without_the_permission_is_refused_before_its_malformed_body_is_read()
    {
        var suite = new HostileSuite(factory, "SQLite");
        await suite.Load();
        foreach (var operation in suite.Operations) await suite.RunCallers(operation);
        HostileCounts.Record("SQLite callers", suite.Inputs, suite.Findings.Count);
        Assert.True(suite.Findings.Count == 0, $"{suite.Findings.Count} findings:\n" + string.Join("\n", suite.Findings));
    }

    internal static async Task Probe(ConcordFactory factory, string provider, Category category)
    {
        var suite = new HostileSuite(factory, provider);
        await suite.Load();
        foreach (var operation in suite.Operations) await suite.Run(operation, category);
        await suite.SweepReads(category);
        HostileCounts.Record($"{provider} {category}", suite.Inputs, suite.Findings.Count);
        Assert.True(suite.Findings.Count == 0, $"{suite.Findings.Count} findings:\n" + string.Join("\n\n", suite.Findings));
    }
}

/// <summary>The categories that reach the store's column types (dates, figures), on PostgreSQL.</summary>
public sealed class HostileInputPostgresTests(PostgresConcordFactory factory) : IClassFixture<PostgresConcordFactory>
{
    public static TheoryData<Category> StoreCategories => [Category.DateEdges, Category.HugeNumbers];

    [Theory]
    [MemberData(nameof(StoreCategories))]
    public async Task on_postgresql_no_hostile_input_gets_a_5xx_an_unnamed_refusal_a_changed_log_or_a_broken_read(Category category)
    {
        factory.Require();
        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.IsType<Concord.Features.Storage.PostgresConcordDbContext>(scope.ServiceProvider.GetRequiredService<Concord.Features.Storage.ConcordDbContext>());
        await HostileInputTests.Probe(factory, "PostgreSQL", category);
    }
}
