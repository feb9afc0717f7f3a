using System.Collections.Immutable;
using NodaTime;

namespace Concord.Domain.Assistance;

public sealed partial record Pledge
{
    /// <summary>
    /// Folds a pledge's facts in world order (the dates they carry), keeping those that took effect by the end of
    /// <paramref name="asOf"/> (all when null). Null when the pledge was not yet announced then.
    /// </summary>
    public static Pledge? Replay(IEnumerable<Fact<IPledgeEvent>> facts, LocalDate? asOf = null) =>
        Fold(facts, asOf is { } date ? Zones.EndOf(date) : null, checking: false).State;

    /// <summary>
    /// The one fold of a pledge: its facts in world order, up to <paramref name="limit"/> (all when null), each evolved onto
    /// the state the earlier ones left. <paramref name="checking"/> first checks each fact against that state
    /// (<see cref="Check"/>) and stops at the first it refuses, naming it.
    /// </summary>
    private static (Pledge? State, Fact<IPledgeEvent>? Refused, Refusal? Refusal) Fold(IEnumerable<Fact<IPledgeEvent>> facts, Instant? limit, bool checking)
    {
        Pledge? state = null;
        // The announcement comes first even when a delivery is dated before it (delivered in secret, announced later).
        var ordered = Fact<IPledgeEvent>.InWorldOrder(facts).ToList();
        foreach (var fact in ordered.Where(f => f.Event is PledgeAnnounced).Concat(ordered.Where(f => f.Event is not PledgeAnnounced)))
        {
            if (limit is { } l && fact.Effective > l) break;
            if (checking && Check(state, fact.Event) is { } refusal) return (state, fact, refusal);
            state = Evolve(state, fact.Event);
        }
        return (state, null, null);
    }

    public static Pledge? Evolve(Pledge? state, IPledgeEvent e) => (state, e) switch
    {
        (null, PledgeAnnounced a) => new Pledge(a.Id, a.Donor, a.Recipient, a.Announced, a.Category, LinesOf(a.Items), a.Value,
            a.PromisedBy ?? a.Promised?.Latest, a.Source, a.Basis, PledgeStatus.Announced, a.Announced, [], null, null,
            a.CoDonors is { Count: > 0 } co ? [.. co] : null,
            a.Undisclosed is { Count: > 0 } u ? [.. u.Select(i => new UndisclosedLine(i.Item.Trim(), i.Unit.Trim()))] : null,
            a.AnnouncedWindow, a.AnnouncementUndated, a.Promised),
        (null, _) => null,
        (_, PledgeAdvanced a) => a.Status > state.Status ? state with { Status = a.Status, StatusOn = a.On } : state,
        (_, DeliveryRecorded d) => Delivered(state, d),
        (_, PledgeAmended a) => Amended(state, a),
        (_, PledgeCancelled c) => state with { Status = PledgeStatus.Cancelled, StatusOn = c.On, CancelledOn = c.On, CancelReason = c.Reason },
        _ => state,
    };

    private static Pledge Delivered(Pledge state, DeliveryRecorded d)
    {
        var lines = state.Lines;
        var undisclosed = state.Undisclosed;
        switch (d.Extent)
        {
            case DeliveryExtent.Some:
                lines = [.. lines.Select(l => l.Outstanding > 0 ? l with { SomeUnstated = true } : l)];
                undisclosed = undisclosed is null ? null : [.. undisclosed.Select(u => u with { SomeArrived = true })];
                break;
            case DeliveryExtent.Rest:
                lines = [.. lines.Select(l => l with { Delivered = Math.Max(l.Pledged, l.Delivered), SomeUnstated = false })];
                undisclosed = undisclosed is null ? null : [.. undisclosed.Select(u => u with { SomeArrived = true, AllArrived = true })];
                break;
            default:
                foreach (var item in d.Items)
                {
                    var index = lines.FindIndex(l => string.Equals(l.Item, item.Item, StringComparison.OrdinalIgnoreCase));
                    if (index >= 0) lines = lines.SetItem(index, lines[index] with { Delivered = Quantities.Add(lines[index].Delivered, item.Quantity) });
                }
                break;
        }
        var when = d.Window ?? DateWindow.On(d.On);
        // Dated before the announcement: its first possible day (or, open at the start, its bound) precedes it.
        var before = !state.AnnouncementUndated && (when.Earliest ?? when.Latest) < state.Announced;
        var next = state with
        {
            Lines = lines,
            Undisclosed = undisclosed,
            Deliveries = state.Deliveries.Add(new DeliveryRecord(d.On, d.Items, d.Value, state.PromisedBy, d.Source, d.Basis, d.Window, d.Extent, before)),
        };
        return WithDeliveryStatus(next, d.On);
    }

    private static Pledge Amended(Pledge state, PledgeAmended a)
    {
        var lines = state.Lines;
        if (a.Items is not null)
            lines = [.. a.Items.Select(i => new PledgeLine(i.Item.Trim(), i.Unit.Trim(), i.Quantity,
                state.Line(i.Item.Trim())?.Delivered ?? 0, state.Line(i.Item.Trim())?.SomeUnstated ?? false))];
        var promisedBy = a.Promised?.Latest ?? a.PromisedBy;
        // An item whose quantity is now given is no longer undisclosed.
        var undisclosed = a.Items is null || state.Undisclosed is null ? state.Undisclosed
            : [.. state.Undisclosed.Where(u => !a.Items.Any(i => string.Equals(i.Item.Trim(), u.Item, StringComparison.OrdinalIgnoreCase)))];
        var next = state with
        {
            Lines = lines, Undisclosed = undisclosed is { Count: > 0 } ? undisclosed : null, Value = a.Value ?? state.Value, PromisedBy = promisedBy ?? state.PromisedBy,
            Promised = promisedBy is null ? state.Promised : a.Promised,
        };
        return next.Deliveries.Count > 0 ? WithDeliveryStatus(next, a.On) : next;
    }

    /// <summary>All items delivered: delivered; some: in transit, unless the pledge already stands higher.</summary>
    private static Pledge WithDeliveryStatus(Pledge state, LocalDate on)
    {
        if (state.IsFullyDelivered) return state with { Status = PledgeStatus.Delivered, StatusOn = on };
        return state.Status < PledgeStatus.InTransit ? state with { Status = PledgeStatus.InTransit, StatusOn = on } : state;
    }
}
