using Concord.Features.Storage;
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
}
