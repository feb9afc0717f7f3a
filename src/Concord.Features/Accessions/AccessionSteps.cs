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
        var texts = new[] { ("source", r.Source, 2000), ("confidence", r.Confidence, 200), ("note", r.Note, 4000), ("signatories", r.Signatories, 1000) };
        foreach (var (field, text, max) in texts)
            if (Input.Text(text, field, max).Refusal is { } t) return t;
        var command = new RecordAccessionStepCommand(step.Value, new DateBound(date.Value, qualifier.Value), Trim(r.Source), Trim(r.Confidence), Trim(r.Note));
        return step.Value switch
        {
            AccessionStep.Application => command with { Signatories = Trim(r.Signatories) },
            AccessionStep.InvitationDecision => DecisionId.TryParse(r.Decision) is { } id
                ? command with { Decision = id.Value }
                : Refusal.Invalid("decision", "'decision' must name a decision id, e.g. invite-ukraine-washington-2024."),
            AccessionStep.Invitation => command with { Summit = Trim(r.Summit) },
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

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The instant a step takes effect in as-of views: the start of its (latest possible) day in Brussels.</summary>
    public static Instant Effective(AccessionStepRecorded step) => Zones.StartOf(step.Date.Latest);
}
