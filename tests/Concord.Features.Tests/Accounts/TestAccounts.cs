using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Features.Members;
using Concord.Features.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Concord.Features.Tests.Accounts;

/// <summary>
/// The account service over a <see cref="TestStore"/>, registered as the product registers it (AddConcordAccounts),
/// one scope (one unit of work) per call, like one web request or one CLI command each.
/// </summary>
public sealed class TestAccounts : IAsyncDisposable
{
    /// <summary>Who the tests act as: an administrator at the command line, recorded under this name.</summary>
    public static readonly WriteContext Admin = new("cli:tester", null, Reader.System);

    public const string Password = "correct horse battery staple";

    private readonly ServiceProvider _services;

    private TestAccounts(TestStore store, IReadOnlyDictionary<string, string?> settings)
    {
        Store = store;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddScoped<ConcordDbContext>(_ => store.NewContext());
        services.AddSingleton<IClock>(store.Clock);
        services.AddConcordAccounts(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public TestStore Store { get; }

    /// <summary>A fresh store holding NATO's members (from the data pack, so a delegation's state can be checked), and its accounts.</summary>
    public static async Task<TestAccounts> Create(StoreKind kind, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var store = await TestStore.Create(kind);
        // The members file cites the shipped sources, which must be registered first.
        await Accessions.Candidates.WithShippedSources(store);
        await using (var db = store.NewContext())
        {
            using var members = File.OpenText(Path.Combine(AppContext.BaseDirectory, "data", "nato", "members.csv"));
            var report = await ImportMembers.Handle(db, store.Clock, members, Body.Nato, new WriteContext("seed"), Ct);
            Assert.True(report.Succeeded);
        }
        return new(store, settings ?? new Dictionary<string, string?>());
    }

    /// <summary>Runs <paramref name="work"/> in a scope of its own.</summary>
    public async Task<T> With<T>(Func<AccountService, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AccountService>());
    }

    /// <summary>Runs <paramref name="work"/> with a scope of its own: its DbContext and account service are one unit of work.</summary>
    public async Task<T> WithScope<T>(Func<ConcordDbContext, AccountService, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ConcordDbContext>(), scope.ServiceProvider.GetRequiredService<AccountService>());
    }

    /// <summary>Runs <paramref name="work"/> on Identity's user manager, in a scope of its own.</summary>
    public async Task<T> WithUsers<T>(Func<UserManager<ConcordUser>, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<ConcordUser>>());
    }

    /// <summary>Opens an account that must be accepted.</summary>
    public async Task<AccountView> Open(string userName, string roles, string? nationality = null, string? clearance = null)
    {
        var created = await With(a => a.Create(new NewAccount(userName, Password, roles.Split(','), nationality, clearance), Admin, Ct));
        Assert.Null(created.Refusal);
        return created.Value!;
    }

    /// <summary>Issues a token that must be accepted.</summary>
    public async Task<IssuedToken> Issue(string userName, int? days = null)
    {
        var issued = await With(a => a.IssueToken(userName, "laptop", days, Admin, Ct));
        Assert.Null(issued.Refusal);
        return issued.Value!;
    }

    /// <summary>Begins a browser session of the account, as the sign-in page does: its id, security stamp and session id.</summary>
    public async Task<(string Id, string Stamp, string Session)> Session(string userName) =>
        await With(async a =>
        {
            var user = (await a.Find(userName))!;
            var session = await a.StartSession(user, "test browser", "127.0.0.1", Ct);
            return (user.Id, user.SecurityStamp!, session);
        });

    public Task<TokenHolder?> Validate(string? token) => With(a => a.ValidateToken(token, Ct));

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Store.DisposeAsync();
    }
}
