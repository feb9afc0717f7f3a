using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>Loads a candidate's accession stream, and writes its row of the list read model.</summary>
public static class AccessionStream
{
    public static Fact<IAccessionEvent> ToFact(StoredEvent row) =>
        new((IAccessionEvent)EventStore.Deserialize(row), row.Effective, row.StreamVersion);

    public static async Task<(Accession? State, IReadOnlyList<StoredEvent> Rows)> Load(ConcordDbContext db, MemberCode candidate, CancellationToken ct)
    {
        var rows = await new EventStore(db).ReadStream(StreamIds.Accession(candidate), ct);
        return (Accession.Replay(rows.Select(ToFact)), rows);
    }

    /// <summary>Writes the accession's list row as it stands today.</summary>
    public static async Task Project(ConcordDbContext db, Accession state, Body nato, LocalDate today, int version, CancellationToken ct)
    {
        var status = state.Evaluate(nato, today);
        var row = await db.Accessions.FindAsync([state.Candidate.Value], ct);
        if (row is null)
        {
            row = new AccessionRow { Candidate = state.Candidate.Value, Name = state.Name, Stage = "", Pending = "", Version = 0 };
            db.Accessions.Add(row);
        }
        row.Name = state.Name;
        row.Stage = status.Stage;
        row.Parties = status.Parties.Count;
        row.Ratified = status.RatifiedCount;
        row.Pending = string.Join(',', status.Pending.Select(p => p.Value));
        row.ProtocolSigned = status.ProtocolSigned?.ToString();
        row.EnteredIntoForce = status.EnteredIntoForce?.ToString();
        row.MemberSince = status.MemberSince?.ToString();
        row.Version = version;
    }
}
