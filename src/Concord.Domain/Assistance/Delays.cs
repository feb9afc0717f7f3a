using System.Globalization;
using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Assistance;

/// <summary>
/// How far a pledge got, in days from its announcement (null while not reached). The exact day counts are given only
/// when both dates are exact days; <see cref="FirstDeliveryDays"/> and <see cref="FullDeliveryDays"/> give what the dates
/// bound ("at most 61 days" from a delivery confirmed on or before a day). Later fields default so older callers read
/// unchanged: the windows, a delivery dated before the announcement, an undated announcement, the donors of a joint pledge.
/// </summary>
public sealed record PledgeDelay(PledgeId Id, MemberCode Donor, MemberCode Recipient, AssistanceCategory Category, PledgeStatus Status, LocalDate Announced,
    LocalDate? FirstDelivery, int? DaysToFirstDelivery, LocalDate? FullDelivery, int? DaysToFullDelivery,
    DateWindow? AnnouncedWindow = null, DateWindow? FirstDeliveryWindow = null, DayRange? FirstDeliveryDays = null,
    DateWindow? FullDeliveryWindow = null, DayRange? FullDeliveryDays = null, bool DeliveredBeforeAnnouncement = false,
    bool AnnouncementUndated = false, string? Donors = null)
{
    /// <summary>The delay in words: "at most 61 days from the announcement to the first delivery", or why none is given.</summary>
    public string Words => DeliveredBeforeAnnouncement ? "delivered before it was announced"
        : FirstDeliveryWindow is null ? "no delivery confirmed"
        : AnnouncementUndated ? "announcement date not known"
        : FirstDeliveryDays is { } d ? $"{d} from the announcement to the first delivery" : "not known";
}

/// <summary>The spread of a number of days over pledges: median, 25th, 75th and 90th percentiles.</summary>
public sealed record DaySpread(decimal Median, decimal P25, decimal P75, decimal P90);

/// <summary>An item still to be delivered, summed over pledges (per item and unit).</summary>
public sealed record BacklogLine(string Item, string Unit, decimal Outstanding);

/// <summary>
/// What is pledged and not yet delivered: quantities per item and unit, value per currency (never converted).
/// <see cref="NotCounted"/> says, in words, which stored figures were left out of the sums because they lie beyond the
/// input policy's bound (recorded before it existed): the rest of the backlog stays readable.
/// </summary>
public sealed record Backlog(int Pledges, IReadOnlyList<BacklogLine> Items, IReadOnlyDictionary<string, decimal> Value)
{
    public static readonly Backlog Empty = new(0, [], new Dictionary<string, decimal>());

    /// <summary>Open pledges with a quantity no source disclosed, or part delivered in a number not stated: in no item total.</summary>
    public int Undisclosed { get; init; }

    /// <summary>Figures left out of the sums, one sentence each ("DEU-x-2024-01: the quantity of x is beyond …").</summary>
    public IReadOnlyList<string> NotCounted { get; init; } = [];
}

/// <summary>
/// A promised date missed: a delivery that came after it (<see cref="DeliveredOn"/> set), or a pledge still
/// outstanding after it on the as-of date (<see cref="DeliveredOn"/> null; days counted to that date).
/// </summary>
/// <remarks>
/// A delivery known only within a window is late only when it certainly came after the promised date (its first possible
/// day is after it); <paramref name="DaysLate"/> then counts to that day and <paramref name="AtLeast"/> says it is a lower bound.
/// </remarks>
public sealed record LateDelivery(PledgeId Id, MemberCode Donor, AssistanceCategory Category, LocalDate PromisedBy, LocalDate? DeliveredOn, int DaysLate,
    bool AtLeast = false);

/// <summary>How to group pledges: by donor, by category, or by the month of the announcement (YYYY-MM).</summary>
public enum DelayGrouping { Donor, Category, Month }

/// <summary>
/// One group's delays: pledges counted, how many reached a first and a full delivery, how many were cancelled,
/// the spread of days to first delivery (median, 25th, 75th and 90th percentiles over the pledges that reached
/// one), late deliveries and the backlog.
/// </summary>
/// <remarks>
/// The exact percentiles are given only when every first delivery of the group is dated to the day, as is its
/// announcement. When any is known only as a bound (a confirmation on or before a day), they are null and
/// <paramref name="AtMostDaysToFirstDelivery"/> gives the percentiles of the upper bounds: each true percentile is at most
/// that. A delivery dated before its announcement (<paramref name="DeliveredBeforeAnnouncement"/>) and a pledge whose
/// announcement is undated (<paramref name="UndatedAnnouncements"/>) are counted apart, never as a delay.
/// </remarks>
public sealed record DelayGroup(string Key, int Pledges, int FirstDelivered, int FullyDelivered, int Cancelled,
    decimal? MedianDaysToFirstDelivery, decimal? P25DaysToFirstDelivery, decimal? P75DaysToFirstDelivery, decimal? P90DaysToFirstDelivery,
    int Late, Backlog Backlog, DaySpread? AtMostDaysToFirstDelivery = null, int DeliveredBeforeAnnouncement = 0, int UndatedAnnouncements = 0);

/// <summary>Delay measures over pledges replayed as of a date. Pure functions: the caller replays.</summary>
public static class Delays
{
    public static PledgeDelay Of(Pledge p) =>
        new(p.Id, p.Donor, p.Recipient, p.Category, p.Status, p.Announced, p.FirstDelivery, p.DaysToFirstDelivery, p.FullDelivery, p.DaysToFullDelivery,
            p.AnnouncedAs, p.FirstDeliveryWindow, p.FirstDeliveryDays, p.FullDeliveryWindow, p.FullDeliveryDays, p.DeliveredBeforeAnnouncement,
            p.AnnouncementUndated, p.IsJoint ? p.DonorKey : null);

    /// <summary>What is still owed by pledges not cancelled: item quantities per item and unit, value per currency.</summary>
    public static Backlog BacklogOf(IEnumerable<Pledge> pledges)
    {
        var open = pledges.Where(p => !p.IsCancelled && !p.IsFullyDelivered).ToList();
        var notCounted = new List<string>();
        foreach (var (p, line) in open.SelectMany(p => p.Lines.Where(l => l.SomeUnstated && l.Outstanding > 0).Select(l => (p, l))))
            notCounted.Add($"{p.Id}: part of the {line.Pledged:0.##} {line.Unit} of {line.Item} arrived in a number not stated, so what is outstanding is not known and was not counted.");
        var lines = open.SelectMany(p => p.Lines.Where(l => l.Outstanding > 0 && !l.SomeUnstated).Select(l => (p.Id, Line: l))).ToList();
        foreach (var (id, line) in lines.Where(x => !Quantities.InBounds(x.Line.Outstanding)))
            notCounted.Add($"{id}: the outstanding quantity of {line.Item} is beyond {Quantities.MaxInWords} and was not counted.");
        var items = lines.Select(x => x.Line).Where(l => Quantities.InBounds(l.Outstanding))
            .GroupBy(l => (Item: l.Item.ToUpperInvariant(), Unit: l.Unit.ToUpperInvariant()))
            .Select(g => new BacklogLine(g.First().Item, g.First().Unit, Quantities.Sum(g.Select(l => l.Outstanding))))
            .OrderBy(l => l.Item, StringComparer.OrdinalIgnoreCase).ThenBy(l => l.Unit, StringComparer.OrdinalIgnoreCase).ToList();
        var values = open.Select(p => (p.Id, Value: p.OutstandingValue)).Where(x => x.Value is { Amount: > 0 }).ToList();
        foreach (var (id, money) in values.Where(x => !Quantities.InBounds(x.Value!.Amount)))
            notCounted.Add($"{id}: the outstanding value in {money!.Currency} is beyond {Quantities.MaxInWords} and was not counted.");
        var value = values.Select(x => x.Value!).Where(m => Quantities.InBounds(m.Amount))
            .GroupBy(m => m.Currency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Quantities.Sum(g.Select(m => m.Amount)), StringComparer.Ordinal);
        return new Backlog(open.Count, items, value)
        {
            NotCounted = notCounted,
            Undisclosed = open.Count(p => p.HasUndisclosed || p.Lines.Any(l => l.SomeUnstated && l.Outstanding > 0)),
        };
    }

    /// <summary>
    /// Promised dates missed by <paramref name="asOf"/>: each delivery after the promise in force when it came, and
    /// each pledge (not cancelled) with something outstanding after its promised date.
    /// </summary>
    public static IReadOnlyList<LateDelivery> Late(IEnumerable<Pledge> pledges, LocalDate asOf)
    {
        var late = new List<LateDelivery>();
        foreach (var p in pledges)
        {
            foreach (var d in p.Deliveries.Where(d => d.PromisedBy is { } by && d.When.Earliest is { } first && first > by))
                late.Add(new LateDelivery(p.Id, p.Donor, p.Category, d.PromisedBy!.Value, d.When.Earliest, DaysBetween(d.PromisedBy.Value, d.When.Earliest!.Value),
                    AtLeast: !d.When.IsExact));
            if (!p.IsCancelled && !p.IsFullyDelivered && p.PromisedBy is { } promised && asOf > promised)
                late.Add(new LateDelivery(p.Id, p.Donor, p.Category, promised, null, DaysBetween(promised, asOf)));
        }
        return [.. late.OrderByDescending(l => l.DaysLate).ThenBy(l => l.Id.Value, StringComparer.Ordinal)];
    }

    /// <summary>The delay measures of each group, ordered by key.</summary>
    public static IReadOnlyList<DelayGroup> By(IEnumerable<Pledge> pledges, DelayGrouping by, LocalDate asOf)
    {
        var list = pledges.ToList();
        var late = Late(list, asOf).ToLookup(l => l.Id);
        return [.. list.GroupBy(p => KeyOf(p, by), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var ranges = g.Select(p => p.FirstDeliveryDays).OfType<DayRange>().Where(r => r.AtMost is not null).ToList();
            var exact = ranges.All(r => r.IsExact);
            var days = exact ? [.. ranges.Select(r => r.AtMost!.Value)] : new List<int>();
            // The k-th smallest of upper bounds bounds the k-th smallest of the true values: the percentiles of the bounds are bounds.
            var bounds = exact ? null : ranges.Select(r => r.AtMost!.Value).ToList();
            return new DelayGroup(g.Key, g.Count(), g.Count(p => p.FirstDelivery is not null), g.Count(p => p.FullDelivery is not null), g.Count(p => p.IsCancelled),
                Percentile(days, 0.5m), Percentile(days, 0.25m), Percentile(days, 0.75m), Percentile(days, 0.9m),
                g.Sum(p => late[p.Id].Count()), BacklogOf(g),
                bounds is { Count: > 0 } ? new DaySpread(Percentile(bounds, 0.5m)!.Value, Percentile(bounds, 0.25m)!.Value, Percentile(bounds, 0.75m)!.Value, Percentile(bounds, 0.9m)!.Value) : null,
                g.Count(p => p.DeliveredBeforeAnnouncement), g.Count(p => p.AnnouncementUndated));
        })];
    }

    public static string KeyOf(Pledge p, DelayGrouping by) => by switch
    {
        DelayGrouping.Donor => p.DonorKey,
        DelayGrouping.Category => Words.Of(p.Category),
        _ => p.Announced.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The <paramref name="p"/>-th percentile by linear interpolation between closest ranks (as Excel's
    /// PERCENTILE.INC: rank = p × (n − 1)); the median of an even count is the mean of the middle two. Null when empty.
    /// </summary>
    public static decimal? Percentile(IReadOnlyCollection<int> values, decimal p)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }

    private static int DaysBetween(LocalDate from, LocalDate to) => Period.Between(from, to, PeriodUnits.Days).Days;
}
