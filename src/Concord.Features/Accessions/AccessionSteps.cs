using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>
/// A step as users send it (API, CSV and JSON imports): the step's name and its fields as text. One shape for
/// every step; <see cref="AccessionSteps.Build"/> turns it into the command to record it or names the field at fault.
/// <paramref name="Corrects"/> is <c>yes</c> when the step corrects the date recorded for the same step (or the same
/// Party's stage); empty otherwise.
/// </summary>
public sealed record StepRequest(
    string? Step = null, string? Date = null, string? DateQualifier = null, string? Party = null, string? Stage = null, string? Decision = null,
    string? Summit = null, string? Signatories = null, string? Source = null, string? Confidence = null, string? Note = null, string? Corrects = null);

/// <summary>
/// What a step request names, as far as it can be read: its step, and for a ratification its Party and stage. An import
/// uses it to tell which rows a refused row would have been the record of (so that rows depending on it are not
/// refused again, and two rows for one stage are noticed) even when the row's date cannot be read.
/// </summary>
public sealed record StepShape(AccessionStep? Step, MemberCode? Party, RatificationStage? Stage, bool Corrects);

public static class AccessionSteps
{
    /// <summary>The command, or the first field at fault (the API answers one problem).</summary>
    public static Result<RecordAccessionStepCommand> Build(StepRequest r)
    {
        var (command, refusals) = Check(r);
        return command is not null ? command : refusals[0];
    }

    /// <summary>The command, or every field at fault (an import reports each of a row's faults).</summary>
    public static (RecordAccessionStepCommand? Command, IReadOnlyList<Refusal> Refusals) Check(StepRequest r)
    {
        var refusals = new List<Refusal>();
        T? Take<T>(Result<T> result)
        {
            if (result.Refusal is { } refusal) refusals.Add(refusal);
            return result.Refusal is null ? result.Value : default;
        }
        var step = Take(Input.Enum<AccessionStep>(r.Step, "step"));
        // The day, its bound, a month (YYYY-MM) or two days (YYYY-MM-DD/YYYY-MM-DD), as dateQualifier says.
        var date = Take(Input.Window(r.Date, r.DateQualifier, "date", "dateQualifier"));
        // A step's source is rendered as a link when it is one, so it must be an http(s) link or plain text.
        var source = Take(Input.Source(r.Source, "source", 2000));
        var confidence = Take(Input.Confidence(r.Confidence));
        var note = Take(Input.Text(r.Note, "note", 4000));
        var signatories = Take(Input.Text(r.Signatories, "signatories", 1000));
        var summit = Take(Input.Name(r.Summit, "summit", 80));
        var corrects = Take(Corrects(r.Corrects));
        if (refusals.Count > 0) return (null, refusals);
        var command = new RecordAccessionStepCommand(step, date!, source, confidence, note, Corrects: corrects);
        var built = step switch
        {
            AccessionStep.Application => command with { Signatories = signatories },
            AccessionStep.InvitationDecision => DecisionId.TryParse(r.Decision) is { } id
                ? command with { Decision = id.Value }
                : Refusal.Invalid("decision", "'decision' must name a decision id, e.g. invite-ukraine-washington-2024."),
            AccessionStep.Invitation or AccessionStep.Declaration => command with { Summit = summit },
            AccessionStep.Ratification => Ratification(r, command),
            AccessionStep.RatificationWithdrawn or AccessionStep.LastRatification => Input.Member(r.Party, "party") is { Refusal: null } p
                ? command with { Party = p.Value } : Input.Member(r.Party, "party").Refusal!,
            _ => new Result<RecordAccessionStepCommand>(command, null),
        };
        return built.Refusal is { } refused ? (null, [refused]) : (built.Value, []);
    }

    /// <summary>What <paramref name="r"/> names, each part null where it cannot be read.</summary>
    public static StepShape Shape(StepRequest r) => new(
        Input.Enum<AccessionStep>(r.Step, "step") is { Refusal: null } s ? s.Value : null,
        MemberCode.TryParse(r.Party),
        Input.Enum<RatificationStage>(r.Stage, "stage") is { Refusal: null } st ? st.Value : null,
        Corrects(r.Corrects) is { Refusal: null, Value: true });

    private static Result<bool> Corrects(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => false,
        "yes" => true,
        _ => Refusal.Invalid("corrects", $"'corrects' is 'yes' for a row that corrects a date already recorded, or empty; got '{text}'."),
    };

    private static Result<RecordAccessionStepCommand> Ratification(StepRequest r, RecordAccessionStepCommand command)
    {
        var party = Input.Member(r.Party, "party");
        if (party.Refusal is { } p) return p;
        var stage = Input.Enum<RatificationStage>(r.Stage, "stage");
        if (stage.Refusal is { } s) return s;
        return command with { Party = party.Value, Stage = stage.Value };
    }

    /// <summary>
    /// The instant a step takes effect in as-of views: the start of its latest possible day in Brussels (by then it had
    /// certainly happened), or for a window open at its end ("on or after"), of its first day.
    /// </summary>
    public static Instant Effective(AccessionStepRecorded step) => Zones.StartOf(step.Date.Placed);
}
