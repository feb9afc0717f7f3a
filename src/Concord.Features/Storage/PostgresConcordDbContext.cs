using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concord.Features.Storage;

/// <summary>PostgreSQL, for several app instances on one database; NodaTime types map to native columns.</summary>
public sealed class PostgresConcordDbContext(DbContextOptions<PostgresConcordDbContext> options) : ConcordDbContext(options);

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL context (no connection is opened).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresConcordDbContext>
{
    public PostgresConcordDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresConcordDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=concord_design", o => o.UseNodaTime()).Options);
}
