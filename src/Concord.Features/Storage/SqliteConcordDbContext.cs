using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Text;

namespace Concord.Features.Storage;

/// <summary>
/// The embedded default. SQLite has no date types: instants are stored as Unix ticks (sortable integers) and
/// dates as ISO text (sortable too).
/// </summary>
public sealed class SqliteConcordDbContext(DbContextOptions<SqliteConcordDbContext> options) : ConcordDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<Instant>().HaveConversion<InstantToTicks>();
        builder.Properties<LocalDate>().HaveConversion<LocalDateToIso>();
    }

    internal sealed class InstantToTicks() : ValueConverter<Instant, long>(i => i.ToUnixTimeTicks(), t => Instant.FromUnixTimeTicks(t));

    internal sealed class LocalDateToIso() : ValueConverter<LocalDate, string>(
        d => LocalDatePattern.Iso.Format(d), s => LocalDatePattern.Iso.Parse(s).Value);
}

/// <summary>Lets `dotnet ef migrations add` build the SQLite context.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteConcordDbContext>
{
    public SqliteConcordDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteConcordDbContext>().UseSqlite("Data Source=design.db").Options);
}
