using Concord.Features.Access;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using NodaTime;

namespace Concord.Web.Components.Shared;

/// <summary>
/// Runs one piece of work against the store in its own DI scope, so a page never keeps a DbContext for the life
/// of its circuit: a circuit lives for minutes or hours, a DbContext should live for one operation.
/// </summary>
public sealed class ConcordStore(IServiceScopeFactory scopes)
{
    public async Task<T> Run<T>(Func<ConcordDbContext, IClock, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ConcordDbContext>(), scope.ServiceProvider.GetRequiredService<IClock>());
    }

    /// <summary>
    /// Runs a read as the circuit's signed-in account (<paramref name="auth"/>: the circuit's own provider, injected in
    /// the page), so the page shows exactly what the API would show that account.
    /// </summary>
    public async Task<T> Read<T>(AuthenticationStateProvider auth, Func<ConcordDbContext, IClock, Reader, Task<T>> work)
    {
        var reader = await ReaderOf(auth);
        return await Run((db, clock) => work(db, clock, reader));
    }

    /// <summary>The circuit's reader: <see cref="Reader.Anonymous"/> when nobody is signed in.</summary>
    public static async Task<Reader> ReaderOf(AuthenticationStateProvider auth) => (await auth.GetAuthenticationStateAsync()).User.ToReader();
}
