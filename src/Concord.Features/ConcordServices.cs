using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Concord.Features;

/// <summary>The one composition root of Concord's use cases, shared by the web host, the CLI and the tests.</summary>
public static class ConcordServices
{
    /// <summary>
    /// Registers the store chosen by configuration: <c>Concord:Database:Provider</c> = Sqlite (default) or
    /// Postgres; the connection string <c>ConnectionStrings:Concord</c> (SQLite default: a file under the user's
    /// data directory, see <see cref="DefaultSqlitePath"/>).
    /// </summary>
    public static IServiceCollection AddConcord(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Concord").Get<ConcordOptions>() ?? new ConcordOptions();
        services.AddSingleton(options);
        services.AddSingleton<IClock>(SystemClock.Instance);
        var connection = configuration.GetConnectionString("Concord");
        if (IsPostgres(options))
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Concord:Database:Provider is Postgres but ConnectionStrings:Concord is empty.");
            services.AddDbContextPool<ConcordDbContext, PostgresConcordDbContext>(o => o.UseNpgsql(connection, n => n.UseNodaTime()));
        }
        else
        {
            connection ??= $"Data Source={DefaultSqlitePath()}";
            services.AddDbContextPool<ConcordDbContext, SqliteConcordDbContext>(o => o.UseSqlite(connection));
        }
        Accounts.AccountsServices.AddConcordAccounts(services, configuration);
        services.AddSingleton(configuration.GetSection("Concord:Webhooks").Get<Following.Webhooks.WebhookOptions>() ?? new Following.Webhooks.WebhookOptions());
        services.AddScoped<Following.Webhooks.WebhookService>();
        return services;
    }

    public static bool IsPostgres(ConcordOptions options) =>
        options.Database.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
        || options.Database.Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);

    /// <summary>~/.local/share/concord/concord.db on Linux (the user's local application data folder).</summary>
    public static string DefaultSqlitePath()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(root)) root = Path.Combine(Path.GetTempPath(), "concord-data");
        var folder = Path.Combine(root, "concord");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "concord.db");
    }
}
