using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Concord.Features.Tests.Storage;

/// <summary>
/// Each provider runs on a model compiled ahead of time (Storage/CompiledModels/, made by `dotnet ef dbcontext optimize`),
/// so a start does not build it from the entity configuration. The compiled model must stay the model the code
/// describes, and the migrations must reach it (the start no longer asks EF Core to compare them).
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    // The design-time factories open no connection: neither provider needs a server for this.
    private static ConcordDbContext Context(string provider) => provider == "Sqlite"
        ? new SqliteDesignTimeFactory().CreateDbContext([])
        : new PostgresDesignTimeFactory().CreateDbContext([]);

    private const string Regenerate =
        "the compiled model is out of date: run `dotnet ef dbcontext optimize --project src/Concord.Features --startup-project src/Concord.Features " +
        "--context {0}ConcordDbContext --output-dir Storage/CompiledModels/{0} --namespace Concord.Features.Storage.CompiledModels.{0}`";

    [Theory, MemberData(nameof(Providers))]
    public void each_provider_runs_on_its_compiled_model(string provider)
    {
        using var db = Context(provider);

        Assert.Equal($"Concord.Features.Storage.CompiledModels.{provider}", db.Model.GetType().Namespace);
    }

    [Theory, MemberData(nameof(Providers))]
    public void the_compiled_model_has_the_tables_columns_keys_and_indexes_the_entity_configuration_describes(string provider)
    {
        using var db = Context(provider);
        var described = db.GetService<IDesignTimeModel>().Model;

        Assert.True(Tables(db.Model).SequenceEqual(Tables(described), StringComparer.Ordinal), string.Format(Regenerate, provider));
    }

    [Theory, MemberData(nameof(Providers))]
    public void the_compiled_model_converts_every_property_as_the_entity_configuration_does(string provider)
    {
        using var db = Context(provider);
        var described = db.GetService<IDesignTimeModel>().Model;

        Assert.Equal(Shape(described), Shape(db.Model), StringComparer.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public void the_migrations_reach_the_model_the_entity_configuration_describes(string provider)
    {
        using var db = Context(provider);

        Assert.False(db.Database.HasPendingModelChanges(), $"the {provider} migrations do not reach the model: add a migration");
    }

    private static IEnumerable<string> Shape(IModel model) =>
        from entity in model.GetEntityTypes()
        from property in entity.GetProperties()
        orderby entity.Name, property.Name
        select $"{entity.Name}.{property.Name}: {property.ClrType.Name} nullable={property.IsNullable} "
             + $"converter={property.GetValueConverter()?.GetType().FullName ?? property.GetTypeMapping().Converter?.GetType().FullName} "
             + $"column={property.GetColumnType()} max={property.GetMaxLength()}";

    // The migrations differ refuses a compiled model (it lacks design-time annotations), so the relational shape is read
    // from both models alike.
    private static IEnumerable<string> Tables(IModel model) =>
        from table in model.GetRelationalModel().Tables
        orderby table.Name
        from line in new[] { $"table {table.Name}" }
            .Concat(table.Columns.OrderBy(c => c.Name).Select(c => $"  column {c.Name} {c.StoreType} nullable={c.IsNullable}"))
            .Concat(table.UniqueConstraints.OrderBy(k => k.Name).Select(k => $"  key {k.Name} ({string.Join(", ", k.Columns.Select(c => c.Name))}) primary={k.GetIsPrimaryKey()}"))
            .Concat(table.Indexes.OrderBy(i => i.Name).Select(i => $"  index {i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}) unique={i.IsUnique} filter={i.Filter}"))
            .Concat(table.ForeignKeyConstraints.OrderBy(f => f.Name).Select(f => $"  foreign key {f.Name} -> {f.PrincipalTable.Name} on delete {f.OnDeleteAction}"))
        select line;
}
