using System.Collections.Immutable;
using NodaTime;
using Concord.Domain.Members;

namespace Concord.Domain.Assistance;

public sealed partial record Pledge
{
    /// <summary>The instant an event takes effect in the world: the start of its date in Brussels.</summary>
    public static Instant EffectiveOf(IPledgeEvent e) => Zones.StartOf(DateOf(e));

    /// <summary>What an event is, in words: "announcement", "delivery", "status change", "amendment", "cancellation".</summary>
    public static string KindOf(IPledgeEvent e) => e switch
    {
        PledgeAnnounced => "announcement",
        PledgeAdvanced => "status change",
        DeliveryRecorded => "delivery",
        PledgeAmended => "amendment",
        PledgeCancelled => "cancellation",
        DelayEventRecorded => "delay event",
        _ => "funding event",
    };

    /// <summary>The date an event carries.</summary>
    public static LocalDate DateOf(IPledgeEvent e) => e switch
    {
        PledgeAnnounced a => a.Announced,
        PledgeAdvanced a => a.On,
        DeliveryRecorded d => d.On,
        PledgeAmended a => a.On,
        PledgeCancelled c => c.On,
        FundingEventRecorded f => f.On,
        DelayEventRecorded f => f.On,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown pledge event."),
    };

    /// <summary>Decides the announcement of a new pledge (see <see cref="Decide"/>).</summary>
    public static Decided<IPledgeEvent> Announce(IReadOnlyList<Fact<IPledgeEvent>> history, AnnouncePledgeCommand command) => Decide(history, command);

    /// <summary>
    /// Decides a command against the pledge's whole history: the event that records it is placed where its date puts it
    /// and every event is checked in world order, so history entered late is accepted when it fits and refused when it
    /// would make something already recorded impossible (e.g. a late delivery that leaves a later one above what was
    /// outstanding).
    /// </summary>
    public static Decided<IPledgeEvent> Decide(IReadOnlyList<Fact<IPledgeEvent>> history, IPledgeCommand command) => DecideEvent(history, EventOf(command));

    /// <summary>Decides an event as an import states it, as <see cref="Decide"/> does a command.</summary>
    public static Decided<IPledgeEvent> DecideEvent(IReadOnlyList<Fact<IPledgeEvent>> history, IPledgeEvent e)
    {
        // The bounds are checked on the new event only: a pledge stored by older code with a figure beyond them stays
        // correctable (it can still be amended or cancelled), and the fold below does not refuse its history for it.
        if (CheckBounds(e) is { } outOfBounds) return outOfBounds;
        if (e is not (PledgeAnnounced or DeliveryRecorded) && history.Select(f => f.Event).OfType<PledgeAnnounced>().FirstOrDefault() is { } announced && DateOf(e) < announced.Announced)
            return Refusal.Unprocessable($"{DateOf(e):yyyy-MM-dd} is before the announcement of pledge {announced.Id} ({announced.Announced:yyyy-MM-dd}).", "on");
        var added = new Fact<IPledgeEvent>(e, EffectiveOf(e), history.Count == 0 ? 1 : history.Max(f => f.Version) + 1);
        var (_, refused, refusal) = Fold([.. history, added], null, checking: true);
        if (refusal is null) return Decided<IPledgeEvent>.Accept(e);
        return ReferenceEquals(refused, added) ? refusal
            : Refusal.Conflict($"This would make the {KindOf(refused!.Event)} of {DateOf(refused.Event):yyyy-MM-dd} impossible: {refusal.Reason}");
    }

    /// <summary>The event that records what <paramref name="command"/> says happened.</summary>
    private static IPledgeEvent EventOf(IPledgeCommand command) => command switch
    {
        AnnouncePledgeCommand a => new PledgeAnnounced(a.Id, a.Donor, a.Recipient, a.Announced, a.Category, a.Items, a.Value, a.PromisedBy,
            a.Source, a.Basis, a.Note, a.CoDonors, a.Undisclosed, a.AnnouncedWindow, a.AnnouncementUndated, a.Promised, a.Confidence),
        AdvancePledgeCommand a => new PledgeAdvanced(a.Status, a.On, a.Source, a.Note),
        RecordDeliveryCommand d => new DeliveryRecorded(d.On, d.Items, d.Value, d.Source, d.Basis, d.Note, d.Window, d.Extent, d.Confidence),
        AmendPledgeCommand a => new PledgeAmended(a.On, a.Items, a.Value, a.PromisedBy, a.Source, a.Note, a.Promised, a.Confidence),
        CancelPledgeCommand c => new PledgeCancelled(c.On, c.Reason, c.Source),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown pledge command."),
    };

    /// <summary>Why <paramref name="e"/> cannot follow <paramref name="state"/>; null when it can.</summary>
    public static Refusal? Check(Pledge? state, IPledgeEvent e)
    {
        if (e is PledgeAnnounced a)
            return state is not null ? Refusal.Conflict($"Pledge {a.Id} is already recorded (announced {state.Announced:yyyy-MM-dd}).") : CheckAnnouncement(a);
        if (state is null) return Refusal.NotFound("The pledge has not been announced.");
        var on = DateOf(e);
        // A delivery may be dated before the announcement (delivered in secret): it is recorded, and flagged as such.
        if (on < state.Announced && e is not DeliveryRecorded) return Refusal.Unprocessable($"{on:yyyy-MM-dd} is before the announcement of pledge {state.Id} ({state.Announced:yyyy-MM-dd}).", "on");
        if (state.IsCancelled) return Refusal.Conflict($"Pledge {state.Id} was cancelled on {state.CancelledOn:yyyy-MM-dd}; nothing more can be recorded after that.");
        if (state.Status == PledgeStatus.Delivered) return Refusal.Conflict($"Pledge {state.Id} was fully delivered on {state.StatusOn:yyyy-MM-dd}; nothing more can be recorded after that.");
        return e switch
        {
            PledgeAdvanced adv => CheckAdvance(state, adv),
            DeliveryRecorded d => CheckDelivery(state, d),
            PledgeAmended am => CheckAmendment(state, am),
            PledgeCancelled => null,
            _ => Refusal.Invalid("event", $"A {e.GetType().Name} is not part of a pledge's stream."),
        };
    }

    private static Refusal? CheckAnnouncement(PledgeAnnounced a)
    {
        if (a.Donor == a.Recipient) return Refusal.Unprocessable($"{a.Donor} cannot pledge assistance to itself.", "recipient");
        if (CheckLines(a.Items, "items", required: a.Undisclosed is not { Count: > 0 }) is { } bad) return bad;
        if (CheckUndisclosed(a) is { } hidden) return hidden;
        if (CheckCoDonors(a) is { } joint) return joint;
        if (CheckMoney(a.Value, "value") is { } money) return money;
        if ((a.PromisedBy ?? a.Promised?.Latest) is { } promised && promised < a.Announced)
            return Refusal.Unprocessable($"The promised date {promised:yyyy-MM-dd} is before the announcement ({a.Announced:yyyy-MM-dd}).", "promisedBy");
        return null;
    }

    private static Refusal? CheckAdvance(Pledge state, PledgeAdvanced a)
    {
        if (a.Status is PledgeStatus.Announced or PledgeStatus.Delivered or PledgeStatus.Cancelled)
            return Refusal.Invalid("status", $"A pledge is advanced to committed, allocated, contracted or inTransit; {Words.Camel(a.Status.ToString())} is {(a.Status == PledgeStatus.Announced ? "where it starts" : "recorded as a " + (a.Status == PledgeStatus.Delivered ? "delivery" : "cancellation"))}.");
        if (a.Status <= state.Status)
            return Refusal.Unprocessable($"Pledge {state.Id} is already {Words.Camel(state.Status.ToString())} (since {state.StatusOn:yyyy-MM-dd}); a pledge only moves up the ladder, not to {Words.Camel(a.Status.ToString())}.", "status");
        return null;
    }

    private static Refusal? CheckUndisclosed(PledgeAnnounced a)
    {
        var seen = new HashSet<string>(a.Items.Select(i => i.Item.Trim()), StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (a.Undisclosed?.Count ?? 0); i++)
        {
            var item = a.Undisclosed![i];
            if (string.IsNullOrWhiteSpace(item.Item)) return Refusal.Invalid($"undisclosed[{i}].item", $"Undisclosed line {i + 1} names no item.");
            if (string.IsNullOrWhiteSpace(item.Unit)) return Refusal.Invalid($"undisclosed[{i}].unit", $"Undisclosed line {i + 1} ({item.Item}) has no unit.");
            if (!seen.Add(item.Item.Trim())) return Refusal.Invalid($"undisclosed[{i}].item", $"{item.Item} is listed twice; give each item once.");
        }
        return null;
    }

    private static Refusal? CheckCoDonors(PledgeAnnounced a)
    {
        var seen = new HashSet<MemberCode> { a.Donor };
        for (var i = 0; i < (a.CoDonors?.Count ?? 0); i++)
        {
            var partner = a.CoDonors![i];
            if (partner == a.Recipient) return Refusal.Unprocessable($"{partner} cannot pledge assistance to itself.", $"coDonors[{i}]");
            if (!seen.Add(partner)) return Refusal.Invalid($"coDonors[{i}]", $"{partner} is named twice among the donors of a joint pledge.");
        }
        return null;
    }

    private static Refusal? CheckDelivery(Pledge state, DeliveryRecorded d)
    {
        // A delivery of some (in a number not stated) or of the rest lists no quantities: what arrived follows from the pledge.
        if (d.Extent != DeliveryExtent.Items)
            return d.Items.Count == 0 ? null : Refusal.Invalid("items", $"A delivery of {(d.Extent == DeliveryExtent.Some ? "some, in a number not stated," : "the rest")} lists no items.");
        if (CheckLines(d.Items, "items", required: true) is { } bad) return bad;
        if (CheckMoney(d.Value, "value") is { } money) return money;
        for (var i = 0; i < d.Items.Count; i++)
        {
            var item = d.Items[i];
            if (state.Line(item.Item) is not { } line)
                return Refusal.Unprocessable($"'{item.Item}' is not an item of pledge {state.Id}; it pledges {string.Join(", ", state.Lines.Select(l => l.Item))}.", $"items[{i}].item");
            if (!string.Equals(line.Unit, item.Unit, StringComparison.OrdinalIgnoreCase))
                return Refusal.Unprocessable($"{line.Item} is pledged in {line.Unit}, not {item.Unit}.", $"items[{i}].unit");
            if (item.Quantity > line.Outstanding)
                return Refusal.Unprocessable($"Only {line.Outstanding:0.##} {line.Unit} of {line.Item} are outstanding; the delivery asks {item.Quantity:0.##}.", $"items[{i}].quantity");
        }
        return null;
    }

    private static Refusal? CheckAmendment(Pledge state, PledgeAmended a)
    {
        if (a.Items is null && a.Value is null && a.PromisedBy is null && a.Promised is null)
            return Refusal.Invalid("items", "An amendment changes the items, the value or the promised date; none was given.");
        if (a.Items is not null)
        {
            if (CheckLines(a.Items, "items", required: true) is { } bad) return bad;
            foreach (var line in state.Lines.Where(l => l.Delivered > 0))
            {
                var index = a.Items.ToList().FindIndex(i => string.Equals(i.Item, line.Item, StringComparison.OrdinalIgnoreCase));
                if (index < 0) return Refusal.Unprocessable($"{line.Delivered:0.##} {line.Unit} of {line.Item} were already delivered; the amendment cannot drop it.", "items");
                if (a.Items[index].Quantity < line.Delivered)
                    return Refusal.Unprocessable($"{line.Delivered:0.##} {line.Unit} of {line.Item} were already delivered; the amendment cannot pledge fewer ({a.Items[index].Quantity:0.##}).", $"items[{index}].quantity");
            }
        }
        if (CheckMoney(a.Value, "value") is { } money) return money;
        if ((a.Promised?.Latest ?? a.PromisedBy) is { } promised && promised < state.Announced)
            return Refusal.Unprocessable($"The promised date {promised:yyyy-MM-dd} is before the announcement ({state.Announced:yyyy-MM-dd}).", "promisedBy");
        return null;
    }

    /// <summary>Item lines: named, with a unit, a quantity above zero, each item once.</summary>
    public static Refusal? CheckLines(IReadOnlyList<ItemLine>? items, string field, bool required)
    {
        if (items is null || items.Count == 0) return required ? Refusal.Invalid(field, $"'{field}' needs at least one line (item, quantity, unit).") : null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (string.IsNullOrWhiteSpace(item.Item)) return Refusal.Invalid($"{field}[{i}].item", $"Line {i + 1} names no item.");
            if (string.IsNullOrWhiteSpace(item.Unit)) return Refusal.Invalid($"{field}[{i}].unit", $"Line {i + 1} ({item.Item}) has no unit, e.g. systems, rounds, vehicles, EUR.");
            if (item.Quantity <= 0) return Refusal.Invalid($"{field}[{i}].quantity", $"The quantity of {item.Item} must be above zero; got {item.Quantity:0.##}.");
            if (!seen.Add(item.Item.Trim())) return Refusal.Invalid($"{field}[{i}].item", $"{item.Item} is listed twice; give each item once.");
        }
        return null;
    }

    /// <summary>
    /// Why the figures of <paramref name="e"/> fall outside the input policy (quantities and amounts at most 10^12, whole
    /// numbers where a unit counts things); null when they do not.
    /// </summary>
    public static Refusal? CheckBounds(IPledgeEvent e)
    {
        var (items, value) = e switch
        {
            PledgeAnnounced a => (a.Items, a.Value),
            DeliveryRecorded d => (d.Items, d.Value),
            PledgeAmended a => (a.Items, a.Value),
            _ => (null, null),
        };
        for (var i = 0; i < (items?.Count ?? 0); i++)
            if (Quantities.CheckQuantity(items![i].Quantity, items[i].Unit, items[i].Item) is { } reason)
                return Refusal.Invalid($"items[{i}].quantity", reason);
        if (value is not null && value.Amount > Quantities.Max)
            return Refusal.Invalid("value.amount", $"The amount is above the largest Concord accepts, {Quantities.MaxInWords}; got {value.Amount:0.##}.");
        return null;
    }

    /// <summary>A value: a known currency and an amount not below zero.</summary>
    public static Refusal? CheckMoney(Money? value, string field)
    {
        if (value is null) return null;
        if (!Money.IsCurrency(value.Currency))
            return Refusal.Invalid($"{field}.currency", $"'{value.Currency}' is not a currency Concord knows; use an ISO 4217 code such as {string.Join(", ", Money.Currencies.Take(4))}.");
        if (value.Amount < 0) return Refusal.Invalid($"{field}.amount", $"The amount must not be negative; got {value.Amount:0.##}.");
        return null;
    }

    internal static ImmutableList<PledgeLine> LinesOf(IEnumerable<ItemLine> items) =>
        [.. items.Select(i => new PledgeLine(i.Item.Trim(), i.Unit.Trim(), i.Quantity, 0))];
}
