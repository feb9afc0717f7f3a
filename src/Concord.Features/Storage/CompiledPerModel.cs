using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Concord.Features.Storage;

/// <summary>
/// A compiled query for each model it runs with. EF Core ties a compiled query to the model it first ran against, and
/// one process may use both providers (the tests do); a store's model lives as long as the process, so there are few.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
