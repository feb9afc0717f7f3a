using Concord.Domain.Members;

namespace Concord.Domain.Accession;

/// <summary>Start following a candidate's path to membership.</summary>
public sealed record OpenAccessionCommand(MemberCode Candidate, string Name);

/// <summary>
/// A request to record that a step of the candidate's path happened: Concord keeps the history of what the candidate,
/// the Allies and the depositary did; it does not take the step. <paramref name="Date"/> is when it happened (possibly
/// only bounded). The step's own data: the <paramref name="Party"/> of a ratification or a withdrawal and the national
/// <paramref name="Stage"/> of a ratification, the Council <paramref name="Decision"/> an invitation is put to, the
/// <paramref name="Summit"/> of the invitation or of a declaration, the <paramref name="Signatories"/> of the application; the others leave them null.
/// </summary>
public sealed record RecordAccessionStepCommand(
    AccessionStep Step,
    DateBound Date,
    string? Source,
    string? Confidence,
    string? Note,
    MemberCode? Party = null,
    RatificationStage? Stage = null,
    string? Decision = null,
    string? Summit = null,
    string? Signatories = null);
