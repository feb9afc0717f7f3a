using System.Text.Json;
using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Benchmarks;

/// <summary>
/// The shape of a realistic synthetic store: the seeded store's log followed by <paramref name="Decisions"/> NATO
/// decisions holding <paramref name="Events"/> events in all.
/// </summary>
/// <param name="Name">Part of the cached file names.</param>
/// <param name="OpenAndPublic">Every decision open and PUBLIC, 10 to 40 events each (the dashboard's worst day);
/// otherwise a mix of open, concluded and withdrawn decisions under every marking (see <see cref="RealisticLog"/>).</param>
/// <param name="Long500">Open PUBLIC decisions of exactly 500 events (<see cref="RealisticLog.LongId"/>).</param>
/// <param name="Long2000">Open PUBLIC decisions of exactly 2,000 events.</param>
/// <param name="Probes">Open PUBLIC decisions of 33 events (opened + each Ally's first position, like the seeded
/// Ukraine decision), identical wherever they are generated (<see cref="RealisticLog.ProbeId"/>).</param>
public sealed record RealisticShape(string Name, int Decisions, int Events, bool OpenAndPublic, int Long500, int Long2000, int Probes)
{
    /// <summary>The 100k-event store: about 1,000 decisions of all kinds, 8 + 8 long ones, 16 probes.</summary>
    public static readonly RealisticShape Store100k = Sized(100_000);

    /// <summary>1,000 open PUBLIC decisions, 25,000 events: what the dashboard lists on a busy day, and more.</summary>
    public static readonly RealisticShape Dashboard = new("dashboard-1000-open", 1_000, 25_000, OpenAndPublic: true, 0, 0, 0);

    /// <summary>Only the 16 probes: the seeded store plus what the append benchmark records on.</summary>
    public static readonly RealisticShape ProbesOnly = new("probes-16", 16, 16 * RealisticLog.ProbeLength, OpenAndPublic: true, 0, 0, 16);

    /// <summary>A realistic store of <paramref name="events"/> synthetic events, one decision per 100 events.</summary>
    public static RealisticShape Sized(int events) => events < 20_000
        ? throw new ArgumentOutOfRangeException(nameof(events), "A realistic store has at least 20,000 synthetic events.")
        : new($"realistic-{events}", events / 100, events, OpenAndPublic: false, Long500: 8, Long2000: events >= 50_000 ? 8 : 0, Probes: 16);
}

/// <summary>
/// Generates a realistic log in the export format: the seeded store's export copied as it is, then decisions of the
/// North Atlantic Council as they would have been recorded live (the events of all decisions interleaved by the
/// instant they took effect, 2024-03-08 to 2026-10-31, every Ally eligible throughout). Every decision event comes
/// from the domain's own Decide and Evolve, so each is one Concord would have accepted.
/// </summary>
/// <remarks>
/// <para>The mix (apart from the long decisions and the probes, which are open and PUBLIC): 35% open (20% blocked, 15%
/// converging: every hold lifted in the end, some Allies still ad referendum), 55% concluded
/// (a fifth of them adopted under the silence procedure, most of the rest after every Ally agreed, some lapsed),
/// 10% withdrawn. Markings: 35% PUBLIC, 30% NATO UNCLASSIFIED, 20% NATO RESTRICTED, 5% NATO CONFIDENTIAL, 10% NATO
/// SECRET; 1 in 20 marked decisions is also released to Ukraine. 15% of the decisions marked NATO RESTRICTED or lower
/// hold 1 to 3 positions marked NATO CONFIDENTIAL or SECRET, above their decision, and most of those have a released
/// outcome statement. So a delegation cleared NATO RESTRICTED sees about 85% of the decisions, some 13% of them
/// redacted, and not the 15% marked above its clearance. One decision in ten is due at one of the last three
/// summits of the seeded store.</para>
/// <para>Positions change over time: each Ally states a first position, then Allies move (reservations placed and
/// lifted, ad referendum confirmed, footnotes, objections). Deterministic: the same seed export and shape give the
/// same bytes.</para>
/// </remarks>
public static class RealisticLog
{
    /// <summary>Bump when the generated content changes, so cached exports and stores are regenerated.</summary>
    public const string Version = "r1";

    public const int ProbeLength = 33;

    public static readonly Instant FirstDay = Instant.FromUtc(2024, 3, 8, 8, 0);
    public static readonly Instant Horizon = Instant.FromUtc(2026, 10, 31, 18, 0);

    public static DecisionId ProbeId(int i) => DecisionId.Parse($"bench-probe-{i:D2}");
    public static DecisionId LongId(int length, int i) => DecisionId.Parse($"bench-long{length}-{i:D2}");

    private static readonly (string Slug, string Subject)[] Topics =
    [
        ("air-policing-rotation", "Air policing rotation"), ("exercise-programme", "Exercise programme"),
        ("capability-targets", "Capability targets apportionment"), ("partnership-package", "Partnership cooperation package"),
        ("common-funding", "Common-funded budget line"), ("cyber-defence", "Cyber defence pledge review"),
        ("vigilance-activity", "Enhanced vigilance activity"), ("maritime-posture", "Maritime posture adjustment"),
        ("council-statement", "North Atlantic Council statement"), ("innovation-fund", "Innovation fund allocation"),
        ("force-model", "Force model contribution"), ("arms-control", "Arms control position"),
    ];

    private static readonly string[] Conditions =
    [
        "Pending national review of the draft", "Subject to parliamentary scrutiny", "Until the cost share is agreed",
        "Pending legal review of paragraph 4", "Until the partner's reply is received",
    ];

    private static readonly string[] Confidences = ["reported", "confirmed", "claimed by another Ally"];

    /// <summary>Where a decision ends: open (still blocked, or converging: every hold lifted, some capitals yet to confirm), or closed.</summary>
    private enum Status { Open, OpenConverging, Adopted, AdoptedUnderSilence, Concluded, Withdrawn }

    private sealed record Plan(int Index, DecisionId Id, string Subject, Marking Marking, string? ReleasableTo, Status Status, int Length,
        Instant Opened, Duration Span, string? Summit, int Hidden, bool Release);

    private sealed record Generated(int Decision, int Version, string StreamId, string Name, string Payload, Instant Effective,
        string RecordedBy, Marking Marking, string? ReleasableTo);

    /// <summary>What was generated, for the log and the README.</summary>
    public sealed record Summary(long SeedEvents, long Events, int Decisions, int Open, int Concluded, int Withdrawn,
        int Public, int Unclassified, int Restricted, int Confidential, int Secret, int WithPositionsAbove, int VisibleToRestricted,
        int RedactedForRestricted)
    {
        public override string ToString() =>
            $"{Events:N0} events after the seed's {SeedEvents:N0}; {Decisions:N0} decisions: {Open} open, {Concluded} concluded, {Withdrawn} withdrawn; "
            + $"PUBLIC {Public}, NU {Unclassified}, NR {Restricted}, NC {Confidential}, NS {Secret}; {WithPositionsAbove} with positions marked above "
            + $"the decision. A reader cleared NATO RESTRICTED sees {VisibleToRestricted}, {RedactedForRestricted} of them redacted.";
    }

    /// <summary>Writes the seed's export, then the synthetic decisions of <paramref name="shape"/>, chained.</summary>
    public static Summary Write(Stream output, string seedExport, RealisticShape shape)
    {
        var log = new LogExport(output);
        log.CopyFrom(seedExport);
        var seedEvents = log.Count;
        var plans = Plans(shape, LastSummits(seedExport, 3));
        var events = new List<Generated>(shape.Events);
        var body = SyntheticLog.NatoBody();
        foreach (var plan in plans) Generate(plan, body, events);
        if (events.Count != shape.Events)
            throw new InvalidOperationException($"Generated {events.Count} events; the shape asks for {shape.Events}.");

        // As recorded live: the decisions' events interleave by when they took effect. Recorded after the seed, in order.
        events.Sort((a, b) => a.Effective != b.Effective ? a.Effective.CompareTo(b.Effective)
            : a.Decision != b.Decision ? a.Decision.CompareTo(b.Decision) : a.Version.CompareTo(b.Version));
        var recorded = (log.LastRecorded ?? Horizon) + Duration.FromSeconds(1);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            log.Append(e.StreamId, e.Version, e.Name, e.Payload, e.Effective, recorded + Duration.FromMilliseconds(i), e.RecordedBy, e.Marking, e.ReleasableTo);
        }
        return Summarise(seedEvents, events, plans);
    }

    /// <summary>The ids of the last <paramref name="count"/> summits scheduled in the seed's log.</summary>
    private static string[] LastSummits(string seedExport, int count)
    {
        var summits = new List<string>();
        foreach (var line in File.ReadLines(seedExport))
        {
            using var doc = JsonDocument.Parse(line);
            var stream = doc.RootElement.GetProperty("streamId").GetString()!;
            if (stream.StartsWith("summit-", StringComparison.Ordinal) && !summits.Contains(stream["summit-".Length..])) summits.Add(stream["summit-".Length..]);
        }
        return [.. summits.TakeLast(count)];
    }

    private static List<Plan> Plans(RealisticShape shape, string[] summits)
    {
        var plans = new List<Plan>();
        for (var i = 0; i < shape.Probes; i++) plans.Add(OpenPublic(plans.Count, ProbeId(i), $"Probe decision {i}", ProbeLength, 20));
        for (var i = 0; i < shape.Long500; i++) plans.Add(OpenPublic(plans.Count, LongId(500, i), $"Long negotiation {i} (500 events)", 500, 480));
        for (var i = 0; i < shape.Long2000; i++) plans.Add(OpenPublic(plans.Count, LongId(2000, i), $"Long negotiation {i} (2,000 events)", 2000, 700));

        var regular = shape.Decisions - plans.Count;
        var budget = shape.Events - plans.Sum(p => p.Length);
        if (regular == 0 && budget == 0) return plans;
        var (low, high) = shape.OpenAndPublic ? (10, 40) : (40, 200);
        if (regular < 0 || budget < regular * low || budget > regular * high)
            throw new ArgumentException($"{shape.Name}: {budget} events cannot make {regular} decisions of {low} to {high} events.");
        var lengths = Lengths(regular, budget, low, high, new Rng("lengths/" + shape.Name));
        for (var i = 0; i < regular; i++)
        {
            var d = plans.Count;
            var rng = new Rng($"plan/{shape.Name}/{i}");
            var (slug, subject) = Topics[i % Topics.Length];
            var id = DecisionId.Parse($"{slug}-{i:D5}");
            var summit = rng.Chance(0.10) && summits.Length > 0 ? summits[rng.Next(summits.Length)] : null;
            if (shape.OpenAndPublic)
            {
                plans.Add(new Plan(d, id, $"{subject} {i}", Marking.Public, null, Status.Open, lengths[i], Opening(rng, Duration.FromDays(60)),
                    Duration.FromDays(rng.Between(5, 60)), summit, 0, false));
                continue;
            }
            var marking = rng.Pick((0.35, Marking.Public), (0.30, Marking.NatoUnclassified), (0.20, Marking.NatoRestricted),
                (0.05, Marking.NatoConfidential), (0.10, Marking.NatoSecret));
            var releasable = marking != Marking.Public && rng.Chance(0.05) ? "UKR" : null;
            var status = rng.Pick((0.20, Status.Open), (0.15, Status.OpenConverging), (0.11, Status.AdoptedUnderSilence), (0.34, Status.Adopted), (0.10, Status.Concluded),
                (0.10, Status.Withdrawn));
            var hidden = marking <= Marking.NatoRestricted && rng.Chance(0.15) ? rng.Between(1, 3) : 0;
            var release = hidden > 0 && rng.Chance(0.7);
            var span = Duration.FromDays(rng.Between(14, 240));
            plans.Add(new Plan(d, id, $"{subject} {i}", marking, releasable, status, lengths[i], Opening(rng, span), span, summit, hidden, release));
        }
        return plans;

        Plan OpenPublic(int d, DecisionId id, string subject, int length, int spanDays)
        {
            var rng = new Rng("plan/" + id.Value);
            var span = Duration.FromDays(spanDays);
            return new Plan(d, id, subject, Marking.Public, null, Status.Open, length, Opening(rng, span), span, null, 0, false);
        }
    }

    /// <summary>When a decision of this span opens: any day that leaves it, and a silence deadline after it, before the horizon.</summary>
    private static Instant Opening(Rng rng, Duration span)
    {
        var latest = Horizon - span - Duration.FromDays(6) - FirstDay;
        return FirstDay + Duration.FromMinutes((long)(rng.NextDouble() * latest.TotalMinutes));
    }

    /// <summary>Lengths between low and high that add up to exactly <paramref name="total"/>.</summary>
    private static int[] Lengths(int count, int total, int low, int high, Rng rng)
    {
        var lengths = Enumerable.Range(0, count).Select(_ => rng.Between(low, high)).ToArray();
        var diff = total - lengths.Sum();
        for (var i = 0; diff != 0; i = (i + 1) % count)
        {
            if (diff > 0 && lengths[i] < high) { lengths[i]++; diff--; }
            else if (diff < 0 && lengths[i] > low) { lengths[i]--; diff++; }
        }
        return lengths;
    }

    /// <summary>The events of one decision, exactly <see cref="Plan.Length"/> of them, each accepted by Decide.</summary>
    private static void Generate(Plan plan, Body body, List<Generated> output)
    {
        var rng = new Rng("events/" + plan.Id.Value);
        var members = body.Seats.Select(s => s.Member).ToArray();
        var firstRound = rng.Shuffle(members);
        var hiddenAt = new HashSet<int>();
        while (hiddenAt.Count < plan.Hidden) hiddenAt.Add(rng.Between(2, plan.Length));
        Decision? state = null;
        var version = 0;

        Instant At(int v) => plan.Opened + Duration.FromSeconds((long)(plan.Span.TotalSeconds * (v - 1) / plan.Length) + rng.Next(600));

        void Emit(Decided<IDecisionEvent> decided, Instant effective, string recordedBy)
        {
            if (decided.Refusal is { } refusal)
                throw new InvalidOperationException($"{plan.Id} v{version + 1}: the generator produced a refused command: {refusal.Reason}");
            if (decided.Events.Count != 1)
                throw new InvalidOperationException($"{plan.Id} v{version + 1}: expected one event, Decide gave {decided.Events.Count}.");
            var e = decided.Events[0];
            version++;
            var (name, payload) = EventPayloads.Of(e);
            var hidden = e is PositionRecorded && hiddenAt.Contains(version);
            var marking = hidden ? (rng.Chance(0.5) ? Marking.NatoSecret : Marking.NatoConfidential) : plan.Marking;
            output.Add(new Generated(plan.Index, version, SyntheticLog.DecisionStream(plan.Id), name, payload, effective, recordedBy, marking,
                hidden ? null : plan.ReleasableTo));
            state = Decision.Evolve(state, new Fact<IDecisionEvent>(e, effective, version));
        }

        void State(MemberCode member, PositionKind kind, Instant at) =>
            Emit(state!.Decide(new RecordPositionCommand(member, kind, kind == PositionKind.Reservation ? rng.Item(Conditions) : null,
                $"Synthetic: statement {version + 1} of the {member.Value} delegation", rng.Item(Confidences), null, at), body, at), at,
                "delegation-" + member.Value.ToLowerInvariant());

        var opened = plan.Opened;
        Emit(Decision.Decide(null, new OpenDecisionCommand(plan.Id, plan.Subject, body, RuleKind.NatoConsensus, plan.Summit, null, null), opened),
            opened, "secretariat");

        var closers = plan.Status switch { Status.Open or Status.OpenConverging => 0, Status.AdoptedUnderSilence => 2, _ => 1 } + (plan.Release ? 1 : 0);
        int Needed() => plan.Status switch
        {
            Status.Adopted => members.Count(m => !Agrees(state!.PositionOf(m))),
            Status.AdoptedUnderSilence => members.Count(m => state!.PositionOf(m) == PositionKind.Object),
            Status.OpenConverging => members.Count(m => state!.PositionOf(m) is PositionKind.Object or PositionKind.Reservation),
            _ => 0,
        };
        bool Counts(PositionKind kind) => plan.Status switch
        {
            Status.Adopted => !Agrees(kind),
            Status.AdoptedUnderSilence => kind == PositionKind.Object,
            Status.OpenConverging => kind is PositionKind.Object or PositionKind.Reservation,
            _ => false,
        };

        // Positions move until only the closing round (Allies brought to agree) and the secretariat's closing events remain.
        var round = 0;
        while (version + Needed() + closers < plan.Length)
        {
            var at = At(version + 1);
            if (round < firstRound.Length)
            {
                var first = firstRound[round++];
                var kind = FirstPosition(rng);
                if (version + Needed() + closers == plan.Length - 1 && Counts(kind) != Counts(PositionKind.Undeclared))
                    kind = Counts(PositionKind.Undeclared) ? PositionKind.AdReferendum : PositionKind.Concur;
                State(first, kind, at);
                continue;
            }
            var member = rng.Item(members);
            var current = state!.PositionOf(member);
            var next = Move(current, rng);
            // The last free event must not add to the closing round, or the decision would overrun its length.
            if (version + Needed() + closers == plan.Length - 1 && Counts(next) != Counts(current))
                next = Counts(current) ? Other(current) : current == PositionKind.Concur ? PositionKind.Footnote : PositionKind.Concur;
            State(member, next, at);
        }
        foreach (var member in members.Where(m => Counts(state!.PositionOf(m))))
            State(member, plan.Status == Status.OpenConverging && rng.Chance(0.5) ? PositionKind.AdReferendum
                : rng.Chance(0.05) ? PositionKind.Footnote : PositionKind.Concur, At(version + 1));

        var end = At(version + 1);
        switch (plan.Status)
        {
            case Status.Adopted:
            case Status.Concluded:
                Emit(state!.Decide(new ConcludeDecisionCommand(), body.EligibleOn(Zones.BrusselsDate(end)), end), end, "secretariat");
                break;
            case Status.AdoptedUnderSilence:
                var deadline = end + Duration.FromDays(3);
                Emit(state!.Decide(new PutUnderSilenceCommand(deadline), end), end, "secretariat");
                Emit(state!.ConcludeSilenceIfDue(deadline), deadline, "system");
                end = deadline;
                break;
            case Status.Withdrawn:
                Emit(state!.Decide(new WithdrawDecisionCommand("Overtaken by events")), end, "secretariat");
                break;
        }
        if (plan.Release)
        {
            var statement = state!.ConcludedOutcome switch
            {
                { } o when o.IsAdopted() => "Agreed by all Allies.",
                Outcome.Withdrawn => "Withdrawn by the Secretary General.",
                null => "Consultations continue.",
                _ => "No consensus.",
            };
            var at = end + Duration.FromHours(1);
            Emit(state!.Decide(new ReleaseOutcomeCommand(statement)), at, "secretariat");
        }
        if (version != plan.Length)
            throw new InvalidOperationException($"{plan.Id}: generated {version} events, planned {plan.Length}.");
    }

    private static bool Agrees(PositionKind kind) => kind is PositionKind.Concur or PositionKind.Footnote or PositionKind.NonParticipation;

    private static PositionKind FirstPosition(Rng rng) => rng.Pick((0.50, PositionKind.Concur), (0.25, PositionKind.AdReferendum),
        (0.15, PositionKind.Reservation), (0.02, PositionKind.Footnote), (0.05, PositionKind.NonParticipation), (0.03, PositionKind.Object));

    /// <summary>How an Ally moves from where it stands; never to the same position.</summary>
    private static PositionKind Move(PositionKind current, Rng rng) => current switch
    {
        PositionKind.Undeclared => FirstPosition(rng),
        PositionKind.Reservation => rng.Pick((0.60, PositionKind.Concur), (0.20, PositionKind.AdReferendum), (0.03, PositionKind.Footnote),
            (0.10, PositionKind.Object), (0.07, PositionKind.NonParticipation)),
        PositionKind.AdReferendum => rng.Pick((0.80, PositionKind.Concur), (0.13, PositionKind.Reservation), (0.02, PositionKind.Footnote),
            (0.05, PositionKind.Object)),
        PositionKind.Concur => rng.Pick((0.45, PositionKind.Reservation), (0.38, PositionKind.AdReferendum), (0.02, PositionKind.Footnote),
            (0.05, PositionKind.Object), (0.10, PositionKind.NonParticipation)),
        PositionKind.Footnote => rng.Pick((0.70, PositionKind.Concur), (0.20, PositionKind.Reservation), (0.10, PositionKind.Object)),
        PositionKind.NonParticipation => rng.Pick((0.70, PositionKind.Concur), (0.30, PositionKind.Reservation)),
        _ => rng.Pick((0.30, PositionKind.Concur), (0.50, PositionKind.Reservation), (0.20, PositionKind.Footnote)),
    };

    /// <summary>Another position of the same standing (still blocking or pending): a move that leaves the closing round as it is.</summary>
    private static PositionKind Other(PositionKind kind) => kind switch
    {
        PositionKind.Reservation => PositionKind.AdReferendum,
        PositionKind.AdReferendum => PositionKind.Reservation,
        PositionKind.Object => PositionKind.Reservation,
        _ => PositionKind.Reservation,
    };

    private static Summary Summarise(long seedEvents, List<Generated> events, List<Plan> plans)
    {
        var above = events.Where(e => e.Marking > plans[e.Decision].Marking).Select(e => e.Decision).ToHashSet();
        var visible = plans.Where(p => p.Marking <= Marking.NatoRestricted).ToList();
        return new Summary(seedEvents, events.Count, plans.Count,
            plans.Count(p => p.Status is Status.Open or Status.OpenConverging), plans.Count(p => p.Status is Status.Adopted or Status.AdoptedUnderSilence or Status.Concluded),
            plans.Count(p => p.Status == Status.Withdrawn),
            plans.Count(p => p.Marking == Marking.Public), plans.Count(p => p.Marking == Marking.NatoUnclassified),
            plans.Count(p => p.Marking == Marking.NatoRestricted), plans.Count(p => p.Marking == Marking.NatoConfidential),
            plans.Count(p => p.Marking == Marking.NatoSecret), above.Count, visible.Count,
            visible.Count(p => events.Any(e => e.Decision == p.Index && e.Marking > Marking.NatoRestricted)));
    }

    /// <summary>A small deterministic generator (SplitMix64), seeded from a name, so content never depends on the runtime's Random.</summary>
    private sealed class Rng(string name)
    {
        private ulong _state = Seed(name);

        private static ulong Seed(string name)
        {
            var h = 14695981039346656037UL;
            foreach (var c in name) h = (h ^ c) * 1099511628211UL;
            return h;
        }

        private ulong NextULong()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

        public int Next(int n) => (int)(NextULong() % (ulong)n);

        /// <summary>An integer from <paramref name="low"/> to <paramref name="high"/>, both included.</summary>
        public int Between(int low, int high) => low + Next(high - low + 1);

        public bool Chance(double p) => NextDouble() < p;

        public T Item<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

        public T Pick<T>(params (double Weight, T Value)[] choices)
        {
            var roll = NextDouble() * choices.Sum(c => c.Weight);
            foreach (var (weight, value) in choices)
                if ((roll -= weight) < 0) return value;
            return choices[^1].Value;
        }

        public T[] Shuffle<T>(IReadOnlyList<T> items)
        {
            var copy = items.ToArray();
            for (var i = copy.Length - 1; i > 0; i--)
            {
                var j = Next(i + 1);
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }
            return copy;
        }
    }
}
