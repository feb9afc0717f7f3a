using Concord.Domain;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Sources;

/// <summary>Registers one source (the API's and the CLI's use case), answering with its record and whether it is new.</summary>
public static class RegisterSource
{
    public static async Task<Result<(SourceView Source, bool Created)>> Handle(ConcordDbContext db, IClock clock, SourceRequest request, WriteContext who, CancellationToken ct)
    {
        var built = RegisterSources.Build(request);
        if (built.Refusal is { } r) return r;
        var result = await RegisterSources.Handle(db, clock, [built.Value!], who, ct);
        if (result.Refusal is { } refusal) return refusal;
        return await Answered.AfterCommit(async () =>
        {
            var row = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == built.Value!.Id, ct);
            return row is null ? new Result<(SourceView, bool)>(default, Refusal.NotFound($"There is no source '{built.Value!.Id}'.")) : (SourceView.Of(row), result.Value > 0);
        }, $"The source {built.Value!.Id}");
    }
}
