using Concord.Features;
using Concord.Tests;
using Concord.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;

namespace Concord.Web.Tests;

/// <summary>
/// The store each test host starts from: migrated and seeded from data/ once per test process by the host's own
/// <see cref="Features.Storage.StoreSetup.Prepare"/>, with the clock at <see cref="ConcordFactory.Start"/> as every host's is,
/// and copied for each host. The host then finds it migrated and seeded, and its own start adds nothing.
/// </summary>
public static class SeededStore
{
    private static readonly SqliteTemplate Template = new("web-seeded", Prepare);

    /// <summary>Puts a copy of the seeded store at <paramref name="path"/> (which must not exist yet).</summary>
    public static Task CopyTo(string path) => Template.CopyTo(path);

    private static async Task Prepare(string path)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Concord:Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Concord"] = $"Data Source={path};Pooling=False",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddConcord(configuration);
        services.RemoveAll<IClock>();
        services.AddSingleton<IClock>(new FakeClock(ConcordFactory.Start));
        await using var provider = services.BuildServiceProvider();
        await Features.Storage.StoreSetup.Prepare(provider);
    }
}
