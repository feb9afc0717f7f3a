using System.Globalization;
using System.Text.Json.Serialization;
using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.EventLog;

/// <summary>How the log was tampered with, as the evidence best explains it.</summary>
public enum BreakKind
{
    /// <summary>An event's stored fields no longer hash to its hash: its payload, actor, marking or another field was edited.</summary>
    Altered,
    /// <summary>A forged event was put into the log: the events around it link past it, or it links to nothing.</summary>
    Inserted,
    /// <summary>Events are out of order: an event links to one that comes after it, or its stream's versions go backwards.</summary>
    Reordered,
    /// <summary>An event was deleted: positions jump, a stream skips a version, or an event links to a hash no event has.</summary>
    Missing,
    /// <summary>The log ends before the head kept elsewhere: its tail was cut off.</summary>
    Truncated,
    /// <summary>The chain holds, but the event at the head kept elsewhere has another hash: the log was rewritten and re-chained.</summary>
    Rewritten,
}

/// <summary>
/// The first event where the chain breaks, and why. <see cref="StreamId"/>, <see cref="StreamVersion"/> and
/// <see cref="Name"/> are null when the event does not exist (a truncated log) or is hidden from the reader.
/// </summary>
public sealed record ChainBreak(long? Position, string? StreamId, int? StreamVersion, string? Name, BreakKind Kind, string Reason)
{
    /// <summary>Who may read the event named (its stream and name are withheld from the others).</summary>
    [JsonIgnore]
    public Classification Classification { get; init; } = Classification.Public;

    /// <summary>"Event #12 (decision-invite-ukraine-washington-2024 v5, PositionStated) was altered: its hash does not match its content."</summary>
    public string Sentence => (Position, StreamId) switch
    {
        (null, null) => $"An event {Reason}",
        (null, _) => $"An event of {StreamId} ({Name}) {Reason}",
        (_, null) => $"Event #{Position} {Reason}",
        _ => $"Event #{Position} ({StreamId} v{StreamVersion}, {Name}) {Reason}",
    };

    /// <summary>
    /// The break as <paramref name="reader"/> may see it: the event's stream and name withheld when it is classified beyond
    /// them; for a reader who does not see every event, no position, no version and a reason that counts no events
    /// (<see cref="ChainReport.For"/>).
    /// </summary>
    public ChainBreak For(Access.Reader reader)
    {
        var shown = reader.CanSee(Classification) ? this : this with { StreamId = null, StreamVersion = null, Name = null };
        return Access.Visibility.SeesEveryEvent(reader) ? shown : shown with { Position = null, StreamVersion = null, Reason = Uncounted(Kind) };
    }

    /// <summary>Why the chain breaks, in words that name no position (the detailed reasons count the events around the break).</summary>
    private static string Uncounted(BreakKind kind) => kind switch
    {
        BreakKind.Altered => "was altered: its hash does not match its content.",
        BreakKind.Inserted => "was inserted into the log.",
        BreakKind.Reordered => "is out of order.",
        BreakKind.Missing => "follows an event that was deleted.",
        BreakKind.Truncated => "was removed: the log was cut off.",
        _ => "does not have the hash kept elsewhere: the log was rewritten.",
    };
}

/// <summary>
/// What walking the log found. When intact, <see cref="Events"/> is the number of events and the head is the last one;
/// when broken, they count the events verified before <see cref="FirstBreak"/>.
/// </summary>
/// <remarks>
/// <see cref="Events"/>, <see cref="HeadPosition"/> and <see cref="HeadHash"/> are null in the report given to a reader who
/// does not see every event (<see cref="For"/>): a count of events, the last position and the head's hash (which moves
/// whenever anything is appended) would each tell it about events hidden from it.
/// </remarks>
public sealed record ChainReport(bool Intact, long? Events, long? HeadPosition, string? HeadHash, ChainBreak? FirstBreak)
{
    /// <summary>The head to keep elsewhere, as <c>--expect-head</c> reads it: "1234:9f86d0…"; null in a report that omits it.</summary>
    public string? Head => HeadPosition is { } position && HeadHash is { } hash ? ChainHead.Format(position, hash) : null;

    /// <summary>"Chain intact: 1234 events, head #1234 9f86d0…", or the sentence naming the first broken event.</summary>
    public string Sentence => (FirstBreak, Events, HeadPosition) switch
    {
        ({ } b, _, _) => b.Sentence,
        (null, { } events, { } head) =>
            $"Chain intact: {events.ToString(CultureInfo.InvariantCulture)} {(events == 1 ? "event" : "events")}, head #{head.ToString(CultureInfo.InvariantCulture)} {HeadHash}",
        _ => "Chain intact",
    };

    /// <summary>
    /// The report as <paramref name="reader"/> may see it: whole for a reader who sees every event; for any other, whether
    /// the chain holds and where it breaks only as far as the reader may see the event, with no count, position or hash.
    /// </summary>
    public ChainReport For(Access.Reader reader) => Access.Visibility.SeesEveryEvent(reader)
        ? FirstBreak is null ? this : this with { FirstBreak = FirstBreak.For(reader) }
        : new ChainReport(Intact, null, null, null, FirstBreak?.For(reader));
}

/// <summary>A head of the log kept elsewhere (printed by <c>concord audit head</c>): its position and hash.</summary>
public readonly record struct ChainHead(long Position, string Hash)
{
    public static string Format(long position, string hash) => $"{position.ToString(CultureInfo.InvariantCulture)}:{hash}";

    public override string ToString() => Format(Position, Hash);

    /// <summary>Reads "POSITION:HASH" (a leading '#' is allowed); refuses anything else, naming <paramref name="field"/>.</summary>
    public static Result<ChainHead> Parse(string? text, string field)
    {
        var t = text?.Trim().TrimStart('#') ?? "";
        var colon = t.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && long.TryParse(t[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 0)
        {
            var hash = t[(colon + 1)..].Trim().ToLowerInvariant();
            if (hash.Length == 64 && hash.All(char.IsAsciiHexDigit)) return new ChainHead(position, hash);
        }
        return Refusal.Invalid(field, $"'{field}' must be a head as `concord audit head` prints it, POSITION:HASH (64 hex digits).");
    }
}

/// <summary>
/// Walks the log once, in position order and streamed, checking that every event hashes to its hash, links to the
/// event before it, sits at the next position and at the next version of its stream. At the first break it reads a
/// little further (at most <see cref="Lookahead"/> events, hashes only) to tell an altered, inserted, reordered or
/// deleted event apart, and names the first event where the chain breaks.
/// <para>
/// The chain alone cannot catch a forger who recomputes every later hash, nor events cut off the end: compare with a
/// head kept elsewhere (<c>concord audit head</c>, then <c>--expect-head</c>) for that.
/// </para>
/// </summary>
public static class ChainVerifier
{
    /// <summary>How many events past a break are read to explain it, and how many earlier hashes are remembered.</summary>
    public const int Lookahead = 10_000;

    /// <summary>Verifies the whole log; with <paramref name="expectedHead"/>, also that the log reaches it with the same hash.</summary>
    public static async Task<ChainReport> Verify(ConcordDbContext db, CancellationToken ct, ChainHead? expectedHead = null)
    {
        var walk = new Walk(expectedHead);
        await using var rows = db.Events.AsNoTracking().OrderBy(e => e.Position).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        while (await rows.MoveNextAsync())
        {
            if (walk.Check(rows.Current) is not { } suspect) continue;
            var next = await rows.MoveNextAsync() ? rows.Current : null;
            var ahead = next is null ? new List<Link>() : [Link.Of(next)];
            while (ahead.Count < Lookahead && await rows.MoveNextAsync()) ahead.Add(Link.Of(rows.Current));
            return walk.Broken(suspect, next, ahead);
        }
        return walk.End();
    }

    /// <summary>What the walk keeps of an event: enough to name it and follow its links, never its payload.</summary>
    private sealed record Link(long Position, string StreamId, int StreamVersion, string Name, string PreviousHash, string Hash, Classification Classification)
    {
        public static Link Of(StoredEvent e) => new(e.Position, e.StreamId, e.StreamVersion, e.Name, e.PreviousHash, e.Hash,
            Classification.FromStored(e.Marking, e.ReleasableTo));

        public ChainBreak Break(BreakKind kind, string reason) => new(Position, StreamId, StreamVersion, Name, kind, reason) { Classification = Classification };
    }

    /// <summary>The first event that does not fit, with what was wrong with it.</summary>
    private sealed record Suspect(StoredEvent Row, Link Link, bool HashMatches, bool Linked, long ExpectedPosition, int ExpectedVersion, bool RewiredPastPrevious);

    private sealed class Walk(ChainHead? expectedHead)
    {
        private readonly Dictionary<string, Link> _recent = new(StringComparer.Ordinal);
        private readonly Queue<string> _recentOrder = new();
        private readonly Dictionary<string, int> _versions = new(StringComparer.Ordinal);
        private Link? _previous;
        private Link? _beforePrevious;
        private long _count;

        private long ExpectedPosition => (_previous?.Position ?? 0) + 1;
        private string PreviousHash => _previous?.Hash ?? EventStore.GenesisHash;

        /// <summary>Null when the event fits the chain (it is then remembered), else what is wrong with it.</summary>
        public Suspect? Check(StoredEvent e)
        {
            var link = Link.Of(e);
            var hashMatches = EventStore.ComputeHash(e) == e.Hash;
            var linked = e.PreviousHash == PreviousHash;
            var expectedVersion = _versions.GetValueOrDefault(e.StreamId) + 1;
            var anchorMismatch = expectedHead is { } head && e.Position == head.Position && e.Hash != head.Hash;
            if (hashMatches && linked && e.Position == ExpectedPosition && e.StreamVersion == expectedVersion && !anchorMismatch)
            {
                Remember(link);
                return null;
            }
            // The event's content may be genuine but re-linked past the event before it (to make room for a forged one).
            var rewired = !hashMatches && _previous is not null && EventStore.ComputeHash(Copy(e, _previous.PreviousHash)) == e.Hash;
            return new Suspect(e, link, hashMatches, linked, ExpectedPosition, expectedVersion, rewired);
        }

        public ChainReport End()
        {
            if (expectedHead is { } head && head.Position > (_previous?.Position ?? 0))
            {
                var last = _previous?.Position ?? 0;
                var reason = last == 0
                    ? $"was removed: the log is empty, but the head kept elsewhere is #{head.Position}."
                    : $"was removed: the log ends at #{last}, but the head kept elsewhere is #{head.Position}; the events after #{last} were cut off.";
                return Report(new ChainBreak(head.Position, null, null, null, BreakKind.Truncated, reason));
            }
            return new ChainReport(true, _count, _previous?.Position ?? 0, PreviousHash, null);
        }

        /// <summary>Explains the first break from the suspect, the events remembered before it and those read after it.</summary>
        public ChainReport Broken(Suspect s, StoredEvent? next, IReadOnlyList<Link> ahead) => Report(Explain(s, next, ahead));

        private ChainBreak Explain(Suspect s, StoredEvent? next, IReadOnlyList<Link> ahead)
        {
            var e = s.Link;
            var previous = _previous;
            var before = previous is null ? "the start of the log" : $"event #{previous.Position}";
            // A gap in positions: the events between were deleted (unless the chain links across it: then only renumbered).
            if (e.Position > s.ExpectedPosition)
            {
                var gap = e.Position - 1 == s.ExpectedPosition ? $"event #{s.ExpectedPosition} is missing" : $"events #{s.ExpectedPosition} to #{e.Position - 1} are missing";
                return s.Linked
                    ? e.Break(BreakKind.Missing, $"follows a gap in positions ({gap}), though it links to {before}: the log was renumbered.")
                    : e.Break(BreakKind.Missing, $"follows a gap: {gap} from the log.");
            }
            // The event before was forged: this genuine event was re-linked past it, which broke its own hash.
            if (s.RewiredPastPrevious && previous is not null)
                return previous.Break(BreakKind.Inserted,
                    $"was inserted: event #{e.Position} was re-linked past it to {(_beforePrevious is null ? "the start of the log" : $"event #{_beforePrevious.Position}")} and no longer matches its own hash.");
            // The event after it was re-linked to it from the event before it, which broke that event's own hash.
            if (next is not null && EventStore.ComputeHash(next) != next.Hash && EventStore.ComputeHash(Copy(next, PreviousHash)) == next.Hash)
                return e.Break(BreakKind.Inserted, $"was inserted: event #{next.Position} after it was re-linked to it from {before} and no longer matches its own hash.");
            if (!s.Linked)
            {
                // It links to an event that comes later: events were swapped.
                if (ahead.FirstOrDefault(a => a.Hash == e.PreviousHash) is { } later)
                    return e.Break(BreakKind.Reordered, $"is out of order: it links to event #{later.Position}, which comes after it in the log.");
                // The event after it links straight to the event before it: it was slipped in between.
                if (ahead.Count > 0 && ahead[0].PreviousHash == PreviousHash)
                    return e.Break(BreakKind.Inserted, $"was inserted: it does not link to {before}, and event #{ahead[0].Position} after it links to {before} directly.");
                // It links to an earlier event than the one before it: the events between were slipped in.
                if (_recent.TryGetValue(e.PreviousHash, out var earlier) && _recent.Values.FirstOrDefault(r => r.Position == earlier.Position + 1) is { } firstForged)
                    return firstForged.Break(BreakKind.Inserted,
                        $"was inserted: event #{e.Position} links to event #{earlier.Position}, past {(e.Position - 1 == firstForged.Position ? $"#{firstForged.Position}" : $"#{firstForged.Position} to #{e.Position - 1}")}.");
                if (!s.HashMatches)
                    return e.Break(BreakKind.Altered, $"was altered: its hash does not match its content, and it does not link to {before}.");
                if (e.StreamVersion > s.ExpectedVersion)
                    return e.Break(BreakKind.Missing, $"does not link to {before} and skips version {s.ExpectedVersion} of its stream: an event before it was deleted.");
                if (e.StreamVersion < s.ExpectedVersion)
                    return e.Break(BreakKind.Reordered, $"is out of order: it does not link to {before}, and its stream already reached version {s.ExpectedVersion - 1}.");
                if (ahead.Count == 0)
                    return e.Break(BreakKind.Inserted, $"was inserted: it is the last event and links to no event in the log.");
                return e.Break(BreakKind.Missing,
                    $"does not link to {before}: it links to a hash no event in the log has, so an event before it was deleted (and later positions renumbered) or {before} was replaced.");
            }
            if (!s.HashMatches)
                return e.Break(BreakKind.Altered, "was altered: its hash does not match its content.");
            if (e.StreamVersion > s.ExpectedVersion)
                return e.Break(BreakKind.Missing, $"skips version {s.ExpectedVersion} of its stream: an event was deleted and the chain re-linked after it.");
            if (e.StreamVersion < s.ExpectedVersion)
                return e.Break(BreakKind.Reordered, $"is out of order: its stream already reached version {s.ExpectedVersion - 1} earlier in the log.");
            return e.Break(BreakKind.Rewritten,
                $"does not have the hash kept elsewhere ({expectedHead?.Hash}): the log up to it was rewritten and every later hash recomputed.");
        }

        private ChainReport Report(ChainBreak b) => new(false, _count, _previous?.Position ?? 0, PreviousHash, b);

        private void Remember(Link link)
        {
            _beforePrevious = _previous;
            _previous = link;
            _versions[link.StreamId] = link.StreamVersion;
            _count++;
            _recent[link.Hash] = link;
            _recentOrder.Enqueue(link.Hash);
            if (_recentOrder.Count > Lookahead) _recent.Remove(_recentOrder.Dequeue());
        }

        private static StoredEvent Copy(StoredEvent e, string previousHash) => new()
        {
            Position = e.Position, StreamId = e.StreamId, StreamVersion = e.StreamVersion, Name = e.Name, Payload = e.Payload,
            Effective = e.Effective, Recorded = e.Recorded, RecordedBy = e.RecordedBy, Marking = e.Marking, ReleasableTo = e.ReleasableTo,
            IdempotencyKey = e.IdempotencyKey, PreviousHash = previousHash, Hash = e.Hash,
        };
    }
}
