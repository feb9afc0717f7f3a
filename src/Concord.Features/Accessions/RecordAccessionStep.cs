using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>Opens an accession, or records one step of it (the API's use cases), answering with the accession as it now stands.</summary>
public static class RecordAccessionStep
{
    public sealed record OpenRequest(string? Candidate = null, string? Name = null);

    public static async Task<Result<AccessionView>> Open(ConcordDbContext db, IClock clock, OpenRequest request, WriteContext who, CancellationToken ct)
    {
        var candidate = Input.Member(request.Candidate, "candidate");
        if (candidate.Refusal is { } c) return c;
        var code = candidate.Value.Value;
        if (await db.Accessions.AsNoTracking().FirstOrDefaultAsync(a => a.Candidate == code, ct) is { } existing)
            return who.IdempotencyKey is not null ? await GetAccession.Handle(db, clock, candidate.Value, null, ct)
                : Refusal.Conflict($"The accession of {existing.Name} ({existing.Candidate}) is already followed.");
        return await Run(db, clock, new RecordAccessionSteps.Request(candidate.Value, request.Name, []), who, ct);
    }

    public static async Task<Result<AccessionView>> Handle(ConcordDbContext db, IClock clock, MemberCode candidate, StepRequest request, WriteContext who, CancellationToken ct)
    {
        if (!await db.Accessions.AnyAsync(a => a.Candidate == candidate.Value, ct)) return Refusal.NotFound($"There is no accession of '{candidate}'. Open it first.");
        var step = AccessionSteps.Build(request);
        if (step.Refusal is { } r) return r;
        return await Run(db, clock, new RecordAccessionSteps.Request(candidate, null, [(1, step.Value!)]), who, ct);
    }

    private static async Task<Result<AccessionView>> Run(ConcordDbContext db, IClock clock, RecordAccessionSteps.Request request, WriteContext who, CancellationToken ct)
    {
        var (result, refused) = await RecordAccessionSteps.Handle(db, clock, request, who, ct);
        if (result.Refusal is { } r) return r;
        if (refused.Count > 0) return refused[0].Refusal;
        return await Answered.AfterCommit(() => GetAccession.Handle(db, clock, request.Candidate, null, ct), $"The step of the accession of {request.Candidate}");
    }
}
