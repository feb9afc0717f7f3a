using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance.Importing;

/// <summary>
/// What a file says about one pledge: how it was announced, the highest status it reached, and its deliveries.
/// <see cref="PledgeWrites.Plan"/> compares it with the pledge's stream and yields only the commands that record something new.
/// </summary>
public sealed record PledgeFacts(AnnouncePledgeCommand Announced, PledgeStatus Reached, LocalDate ReachedOn, IReadOnlyList<RecordDeliveryCommand> Deliveries,
    int Line = 0);

/// <summary>A pledge as its stream tells it so far (what an import needs to add only what is new).</summary>
public sealed record PledgeSoFar(int Version, IReadOnlyList<ItemLine> Items, Money? Value, PledgeStatus Status, IReadOnlyList<DeliveryRecord> Deliveries);

/// <summary>Turns what a file says into the commands for what is new, and writes the events of a whole file in one commit.</summary>
public static class PledgeWrites
{
    /// <summary>The stream of one pledge.</summary>
    public static string Stream(PledgeId id) => StreamIds.Pledge(id);

    /// <summary>The pledge as its stream tells it (folded by the ledger's own Replay), or null for a new pledge.</summary>
    public static PledgeSoFar? SoFar(IReadOnlyList<Fact<IPledgeEvent>> history)
    {
        if (Pledge.Replay(history) is not { } pledge) return null;
        return new PledgeSoFar(history.Count, [.. pledge.Lines.Select(l => new ItemLine(l.Item, l.Pledged, l.Unit))], pledge.Value, pledge.Status,
            pledge.Deliveries);
    }

    /// <summary>
    /// The commands for what is new of a pledge: all of it when it is new; otherwise an amendment when the items or the
    /// value changed (a newer release supersedes by a new event, never an edit), an advance when the file shows a higher
    /// status, and the deliveries not yet recorded (same date and value). The same file again yields nothing.
    /// </summary>
    public static IReadOnlyList<IPledgeCommand> Plan(PledgeFacts facts, PledgeSoFar? current, LocalDate today, string? amendmentNote)
    {
        var commands = new List<IPledgeCommand>();
        var a = facts.Announced;
        if (current is null)
        {
            commands.Add(a);
            if (facts.Reached > PledgeStatus.Announced) commands.Add(new AdvancePledgeCommand(facts.Reached, facts.ReachedOn, a.Source, null));
            commands.AddRange(facts.Deliveries);
            return commands;
        }
        if (current.Status == PledgeStatus.Cancelled) return commands;
        var itemsChanged = !current.Items.SequenceEqual(a.Items);
        var valueChanged = current.Value != a.Value;
        if (itemsChanged || valueChanged)
            commands.Add(new AmendPledgeCommand(today, itemsChanged ? a.Items : null, valueChanged ? a.Value : null, null, a.Source, amendmentNote));
        if (facts.Reached > current.Status) commands.Add(new AdvancePledgeCommand(facts.Reached, facts.ReachedOn, a.Source, null));
        foreach (var d in facts.Deliveries)
            if (!current.Deliveries.Any(x => x.On == d.On && x.Value == d.Value && x.Items.SequenceEqual(d.Items))) commands.Add(d);
        return commands;
    }

    /// <summary>
    /// The moment a fact took effect: a pledge event's as the ledger dates it (<see cref="Pledge.EffectiveOf"/>), a
    /// monthly figure at the start of its month in Brussels.
    /// </summary>
    public static Instant Effective(object e) => e switch
    {
        IPledgeEvent p => Pledge.EffectiveOf(p),
        KielMonthlyFigureRecorded k => Zones.StartOf(new LocalDate(k.Year, k.Month, 1)),
        KielMonthlyFigureRevised k => Zones.StartOf(new LocalDate(k.Year, k.Month, 1)),
        _ => throw new ArgumentException($"No date for {e.GetType().Name}.", nameof(e)),
    };

    /// <summary>
    /// Appends every stream's new events (all PUBLIC: the data come from public sources) in one commit, each stream after
    /// <c>Expected</c>, the version its new events were planned against (null: after whatever it holds then).
    /// </summary>
    public static async Task<int> Write(ConcordDbContext db, IClock clock, IReadOnlyList<(string Stream, int? Expected, IReadOnlyList<object> Events)> batches,
        WriteContext who, CancellationToken ct)
    {
        var writes = batches.Where(b => b.Events.Count > 0)
            .Select(b => new StreamWrite(b.Stream, b.Expected, [.. b.Events.Select(e => new PendingEvent(e, Effective(e), Classification.Public))])).ToList();
        if (writes.Count == 0) return 0;
        await new EventStore(db).Commit(writes, new Recording(clock.GetCurrentInstant(), who.RecordedBy, who.IdempotencyKey), ct);
        return writes.Sum(w => w.Events.Count);
    }

    /// <summary>Refuses an import by an account that may not import assistance data (the secretariat may).</summary>
    public static ImportReport? Forbidden(WriteContext who) =>
        Access.Access.Allows(who.Actor, Access.Permission.ImportAssistance) ? null
            : ImportReport.Failed(new ImportError(0, null, "Only the secretariat may import assistance data."));
}

/// <summary>The stream names of assistance data written by the imports.</summary>
public static class AssistanceStreams
{
    public const string Timeline = StreamIds.AssistanceTimeline;
    public const string KielMonthly = StreamIds.KielMonthly;
}
