using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Decisions;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>
/// A step as users send it (API, CSV and JSON imports): the step's name and its fields as text. One shape for
/// every step; <see cref="AccessionSteps.Build"/> turns it into the command to record it or names the field at fault.
/// </summary>
public sealed record StepRequest(
    string? Step = null, string? Date = null, string? DateQualifier = null, string? Party = null, string? Stage = null, string? Decision = null,
    string? Summit = null, string? Signatories = null, string? Source = null, string? Confidence = null, string? Note = null);

public static class AccessionSteps
{
    public static Result<RecordAccessionStepCommand> Build(StepRequest r)
    {
        var step = Input.Enum<AccessionStep>(r.Step, "step");
        if (step.Refusal is { } s) return s;
        var date = Input.Date(r.Date, "date");
        if (date.Refusal is { } d) return d;
        var qualifier = r.DateQualifier is null ? new Result<DateQualifier>(DateQualifier.On, null) : Input.Enum<DateQualifier>(r.DateQualifier, "dateQualifier");
        if (qualifier.Refusal is { } q) return q;
        // A step's source is rendered as a link when it is one, so it must be an http(s) link or plain text.
        var source = Input.Source(r.Source, "source", 2000);
        if (source.Refusal is { } so) return so;
        var confidence = Input.Confidence(r.Confidence);
        if (confidence.Refusal is { } c) return c;
        var note = Input.Text(r.Note, "note", 4000);
        if (note.Refusal is { } n) return n;
        var signatories = Input.Text(r.Signatories, "signatories", 1000);
        if (signatories.Refusal is { } sg) return sg;
        var summit = Input.Name(r.Summit, "summit", 80);
        if (summit.Refusal is { } su) return su;
        var command = new RecordAccessionStepCommand(step.Value, new DateBound(date.Value, qualifier.Value), source.Value, confidence.Value, note.Value);
        return step.Value switch
        {
            AccessionStep.Application => command with { Signatories = signatories.Value },
            AccessionStep.InvitationDecision => DecisionId.TryParse(r.Decision) is { } id
                ? command with { Decision = id.Value }
                : Refusal.Invalid("decision", "'decision' must name a decision id, e.g. invite-ukraine-washington-2024."),
            AccessionStep.Invitation or AccessionStep.Declaration => command with { Summit = summit.Value },
            AccessionStep.Ratification => Ratification(r, command),
            AccessionStep.RatificationWithdrawn => Input.Member(r.Party, "party") is { Refusal: null } p
                ? command with { Party = p.Value } : Input.Member(r.Party, "party").Refusal!,
            _ => command,
        };
    }

    private static Result<RecordAccessionStepCommand> Ratification(StepRequest r, RecordAccessionStepCommand command)
    {
        var party = Input.Member(r.Party, "party");
        if (party.Refusal is { } p) return p;
        var stage = Input.Enum<RatificationStage>(r.Stage, "stage");
        if (stage.Refusal is { } s) return s;
        return command with { Party = party.Value, Stage = stage.Value };
    }

    /// <summary>The instant a step takes effect in as-of views: the start of its (latest possible) day in Brussels.</summary>
    public static Instant Effective(AccessionStepRecorded step) => Zones.StartOf(step.Date.Latest);
}
