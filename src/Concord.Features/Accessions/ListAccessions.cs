using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>
/// An accession in the list, where it stands today: its stage, how many of the Parties of the day have ratified, those
/// known to be still pending and those not known either way (codes, comma separated), and its dates as written out (a
/// bounded one as "on or before ...").
/// </summary>
public sealed record AccessionSummary(string Candidate, string Name, string Stage, int Parties, int Ratified, string Pending, string? ProtocolSigned,
    string? EnteredIntoForce, string? MemberSince, int Version, string NotKnown);

/// <summary>
/// All accessions, candidates in progress first: each folded state from the read model, evaluated when read, for today,
/// with today's seats. An accession with a step dated after today (a clock behind the log) is folded from its stream up to today.
/// As of a past day, or known on one, each accession is read as <see cref="GetAccession"/> reads it for that day: the
/// list says no more than each accession's own page.
/// </summary>
public static class ListAccessions
{
    public static async Task<IReadOnlyList<AccessionSummary>> Handle(ConcordDbContext db, IClock clock, CancellationToken ct,
        LocalDate? asOf = null, LocalDate? knownOn = null)
    {
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var rows = await db.Accessions.AsNoTracking().ToListAsync(ct);
        if (asOf is { } day && day < today || knownOn is { } known && known < today)
        {
            var past = new List<AccessionSummary>(rows.Count);
            foreach (var row in rows)
                // A path with no step by then (or none known by then) was not yet a path: it is left out, not shown as an aspirant.
                if ((await GetAccession.Handle(db, clock, MemberCode.Parse(row.Candidate), asOf, ct, knownOn)).Value is { Steps.Count: > 0 } view)
                    past.Add(Summary(view.Status, view.Version));
            return Ordered(past);
        }
        var nato = await Bodies.Load(db, Body.Nato, ct) ?? new Body(Body.Nato, BodyNames.For(Body.Nato), []);
        var list = new List<AccessionSummary>(rows.Count);
        foreach (var row in rows)
        {
            var state = row.LastEffective is { } last && last > Zones.EndOf(today) ? await AsOf(db, row, today, ct) : AccessionStream.State(row);
            list.Add(Summary(state.Evaluate(nato, today), row.Version));
        }
        return Ordered(list);
    }

    private static IReadOnlyList<AccessionSummary> Ordered(List<AccessionSummary> list) =>
        [.. list.OrderBy(r => r.MemberSince is null ? 0 : 1).ThenByDescending(r => r.MemberSince).ThenBy(r => r.Candidate, StringComparer.Ordinal)];

    private static async Task<Accession> AsOf(ConcordDbContext db, AccessionRow row, LocalDate date, CancellationToken ct)
    {
        var rows = await new EventStore(db).ReadStream(StreamIds.Accession(MemberCode.Parse(row.Candidate)), ct);
        return Accession.Replay(rows.Select(AccessionStream.ToFact), Zones.EndOf(date))!;
    }

    private static AccessionSummary Summary(AccessionStatus status, int version) => new(status.Candidate.Value, status.Name, status.Stage,
        status.Parties.Count, status.RatifiedCount, string.Join(',', status.Pending.Select(p => p.Value)), status.ProtocolSigned?.ToString(),
        status.EnteredIntoForce?.ToString(), status.MemberSince?.ToString(), version, string.Join(',', status.NotKnown.Select(p => p.Value)));
}
