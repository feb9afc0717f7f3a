using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concord.Features.Storage;

/// <summary>
/// How loudly EF Core reports a command or a save that fails. Most such failures are expected: two writers clash on the
/// log's unique keys, the event store retries or answers 409, and EF Core would otherwise log each at Error with its full
/// SQL (about 1,600 a minute per instance under contention). They are logged at Debug, where SQL belongs; what is not
/// expected reaches Concord's own exception handler, which logs it once, without SQL.
/// </summary>
public static class StoreLogging
{
    public static void QuietFailedCommands(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (CoreEventId.OptimisticConcurrencyException, LogLevel.Debug)));

    /// <summary>Applies <see cref="QuietFailedCommands"/> to the store registered by <c>AddConcord</c> (call after it).</summary>
    public static IServiceCollection AddQuietFailedCommands(this IServiceCollection services)
    {
        // Only the provider in use: configuring the other would register options for a context nobody builds.
        if (services.Any(d => d.ServiceType == typeof(DbContextOptions<SqliteConcordDbContext>)))
            services.ConfigureDbContext<SqliteConcordDbContext>(QuietFailedCommands);
        if (services.Any(d => d.ServiceType == typeof(DbContextOptions<PostgresConcordDbContext>)))
            services.ConfigureDbContext<PostgresConcordDbContext>(QuietFailedCommands);
        return services;
    }
}
