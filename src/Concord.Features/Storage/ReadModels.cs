using NodaTime;

namespace Concord.Features.Storage;

/// <summary>Read model: a seat in a body, as projected from the body's stream.</summary>
public sealed class MemberRow
{
    public required string Body { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required LocalDate Since { get; set; }
    public LocalDate? Until { get; set; }
    public long Population { get; set; }
    public bool Permanent { get; set; }
    public string? Sources { get; set; }
    public string? Notes { get; set; }
}

/// <summary>Read model: a summit.</summary>
public sealed class SummitRow
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string City { get; set; }
    public string? HostCountry { get; set; }
    public required LocalDate Start { get; set; }
    public required LocalDate End { get; set; }
    public string? Kind { get; set; }
    public string? EnlargementDecisions { get; set; }
    public string? OtherDecisions { get; set; }
    public string? Sources { get; set; }
    public string? Notes { get; set; }
}

/// <summary>
/// Read model: a decision as folded from its stream (with <see cref="PositionRow"/>, its current positions). What depends
/// on the clock (the outcome, who blocks, who may take part) is evaluated when it is read, for the date asked.
/// </summary>
public sealed class DecisionRow
{
    public required string Id { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public required string Rule { get; set; }
    public string? Summit { get; set; }
    public string? Concerned { get; set; }
    public required Instant Opened { get; set; }
    public Instant? SilenceDeadline { get; set; }
    public bool Concluded { get; set; }
    /// <summary>The outcome it was concluded with (adopted, lapsed, withdrawn...), or null while open.</summary>
    public string? ConcludedOutcome { get; set; }
    public Instant? ConcludedAt { get; set; }
    /// <summary>Where the outcome it concluded with is known from, when a source gave it (not the rule); null otherwise.</summary>
    public string? ConclusionSource { get; set; }
    public string? ConclusionNote { get; set; }
    public required int Version { get; set; }
    /// <summary>The latest instant any of its events took effect: a later event folds onto this row; an earlier one refolds the stream.</summary>
    public Instant LastEffective { get; set; }
    /// <summary>Who may see the decision at all: the marking of its opening event.</summary>
    public Domain.Marking Marking { get; set; }
    public string? ReleasableTo { get; set; }
    /// <summary>
    /// Every distinct marking its events were stored under ("2|" for NATO RESTRICTED, "1|UKR" for NATO UNCLASSIFIED REL UKR),
    /// separated by ';': a reader cleared for all of them sees the whole decision, others see it redacted.
    /// </summary>
    public string Markings { get; set; } = "";
    /// <summary>The outcome as the secretariat released it, shown to readers not cleared for every position.</summary>
    public string? ReleasedOutcome { get; set; }
}

/// <summary>Read model: a member's current position on a decision.</summary>
public sealed class PositionRow
{
    public required string DecisionId { get; set; }
    public required string Member { get; set; }
    public required string Kind { get; set; }
    public string? Condition { get; set; }
    public string? Source { get; set; }
    public string? Confidence { get; set; }
    public string? Note { get; set; }
    public required Instant Effective { get; set; }
    /// <summary>Who may see this position (issue 5).</summary>
    public Domain.Marking Marking { get; set; }
    public string? ReleasableTo { get; set; }
}

/// <summary>
/// An Idempotency-Key as spent: claimed, with the request's fingerprint, in the transaction that stores the write's
/// events; then the response first given (<see cref="Status"/> 0 and an empty body until it is kept), replayed only to
/// the same account while its rights are unchanged (<see cref="Stamp"/>) and the answer is young enough.
/// </summary>
public sealed class IdempotentResponse
{
    /// <summary>The key as the account's own (a hash of the account's id and the key sent).</summary>
    public required string Key { get; set; }
    public required string Fingerprint { get; set; }
    public required int Status { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Body { get; set; }
    public string? Location { get; set; }
    public required Instant Recorded { get; set; }
    /// <summary>The account's security stamp when the answer was kept: another stamp means its rights changed since.</summary>
    public string? Stamp { get; set; }
}

/// <summary>
/// Read model: a candidate's accession folded from its stream (<see cref="State"/>, the domain's Accession as JSON) with
/// its timeline (<see cref="Steps"/>, every step recorded, in the order of the path). What depends on the clock and the
/// seats (the stage, the Parties, who is pending and for how long, entry into force, membership) is evaluated when it is
/// read, for the date asked.
/// </summary>
public sealed class AccessionRow
{
    public required string Candidate { get; set; }
    public required string Name { get; set; }
    public required int Version { get; set; }
    /// <summary>
    /// The latest instant any of its steps took effect (null before the first step): a read as of a date on or after it
    /// takes the row as it is, a later step folds onto it, an earlier one refolds the stream.
    /// </summary>
    public Instant? LastEffective { get; set; }
    public required string State { get; set; }
    public required string Steps { get; set; }
}

/// <summary>Read model: a Party's national ratification procedure, the latest one configured.</summary>
public sealed class ProcedureRow
{
    public required string Party { get; set; }
    /// <summary>The stages in order, as JSON.</summary>
    public required string Stages { get; set; }
    public string? Note { get; set; }
    public string? Source { get; set; }
}

/// <summary>
/// Read model: a pledge of assistance folded from its stream (<see cref="State"/>, the ledger's own Pledge as JSON).
/// A read as of a date on or after <see cref="LastOn"/> takes it as it is; an earlier date folds the stream.
/// </summary>
public sealed class PledgeRow
{
    public required string Id { get; set; }
    public required string Donor { get; set; }
    public required string Category { get; set; }
    public required LocalDate Announced { get; set; }
    /// <summary>The latest date any of its events carries.</summary>
    public required LocalDate LastOn { get; set; }
    public required int Version { get; set; }
    public required string State { get; set; }
}

/// <summary>
/// Read model: an Ally's readiness folded from its stream: the facts still in force (latest expenditure per year and
/// figure, stock and floor per category, GDP) as JSON; folding them again gives the same state.
/// </summary>
public sealed class ReadinessRow
{
    public required string Ally { get; set; }
    public required int Version { get; set; }
    public required string Facts { get; set; }
}

/// <summary>Read model: a registered source, one row per document (docs/sources.md).</summary>
public sealed class SourceRow
{
    public required string Id { get; set; }
    /// <summary>The older id the document was split from; a citation of it cites every row that names it.</summary>
    public string? AliasOf { get; set; }
    public required string Kind { get; set; }
    public required string Publisher { get; set; }
    public required string Title { get; set; }
    /// <summary>YYYY-MM-DD, YYYY-MM, or null when the document showed no date.</summary>
    public string? Published { get; set; }
    public string? Url { get; set; }
    public string? Language { get; set; }
    public string? ArchivedUrl { get; set; }
}

/// <summary>
/// A statement's latest record, as stored (<see cref="Statement"/>: the event's JSON), with the marking that decides who sees
/// it. When it was recorded (what an undated source counts from, read as known on a day) is read from the log then.
/// </summary>
public sealed class StatementRow
{
    public required string Id { get; set; }
    /// <summary>The day a timeline places it on (the last day it can have happened on): the order statements are listed in.</summary>
    public required LocalDate Placed { get; set; }
    public required string Statement { get; set; }
    public Domain.Marking Marking { get; set; }
    public string? ReleasableTo { get; set; }
    public required int Version { get; set; }
}

/// <summary>
/// Read model: one searchable text of the store (a decision, a position's condition and note, an accession, a statement,
/// a pledge, a source), indexed by the database's own full-text index: an FTS5 table kept by triggers on SQLite, a
/// generated tsvector column under a GIN index on PostgreSQL (both made by the migration, outside the EF model). Who may
/// match it is decided when it is read, by the same rule as every other read (<see cref="Search.SearchIndex"/>).
/// </summary>
public sealed class SearchEntryRow
{
    /// <summary>Derived from <see cref="Kind"/>, <see cref="Ref"/> and <see cref="Part"/> (the FTS5 rowid): live writes and a rebuild give the same.</summary>
    public long Id { get; set; }
    /// <summary>decision, position, accession, statement, pledge or source.</summary>
    public required string Kind { get; set; }
    /// <summary>The id of what it is about: the decision (also for a position), the candidate, the statement, pledge or source.</summary>
    public required string Ref { get; set; }
    /// <summary>Which text of it: "" for the thing itself, the member for a position, "conclusion" for a decision's note.</summary>
    public required string Part { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    /// <summary>Where the browser app shows it.</summary>
    public required string Href { get; set; }
    /// <summary>The day it is placed on, when it has one.</summary>
    public LocalDate? On { get; set; }
    public Domain.Marking Marking { get; set; }
    public string? ReleasableTo { get; set; }
    /// <summary>Matched only for a reader who sees the decision <see cref="Ref"/> whole (every event of it): a position, a conclusion's note.</summary>
    public bool WholeDecision { get; set; }
}
