using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Following;

/// <summary>A decision that asks something of the delegation's state: why, and by when when a silence deadline is near.</summary>
public sealed record ActionItem(string Decision, string Subject, string Why, PositionKind Position, Instant? Deadline, string? DeadlineBrussels, string Href);

/// <summary>
/// A delegation's "to act" list: the open decisions still awaiting its state's position, and the silence deadlines
/// within the next <see cref="ToAct.Window"/>, each as the delegation may see the decision.
/// </summary>
public sealed record ToActList(string State, Instant AsOf, IReadOnlyList<ActionItem> AwaitingPosition, IReadOnlyList<ActionItem> SilenceEndingSoon);

public static class ToAct
{
    /// <summary>How far ahead a silence deadline is listed.</summary>
    public static readonly Duration Window = Duration.FromHours(48);

    public static async Task<Result<ToActList>> Handle(ConcordDbContext db, IClock clock, Reader reader, CancellationToken ct)
    {
        if (!reader.Has(Role.Delegation) || reader.Nationality is not { } state)
            return Refusal.Forbidden("The 'to act' list is a delegation's: the decisions awaiting its own state's position. This account speaks for no state.");
        var now = clock.GetCurrentInstant();
        var awaiting = new List<ActionItem>();
        var soon = new List<ActionItem>();
        var open = await db.Decisions.AsNoTracking().Where(d => !d.Concluded).OrderBy(d => d.Opened).Select(d => d.Id).ToListAsync(ct);
        foreach (var id in open)
        {
            // Each read as the delegation may see it: an invisible decision is skipped, a redacted one shows no position.
            var read = await GetDecision.Handle(db, clock, DecisionId.Parse(id), null, reader, ct);
            if (read.Value is not { Status: DecisionStatus.Open, PositionsShown: true } view) continue;
            if (view.Positions.FirstOrDefault(p => p.Member == state.Value) is not { } mine) continue;
            var href = Links.Decision(view.Id);
            var deadline = view.SilenceDeadline is { } d && d > now ? d : (Instant?)null;
            if (mine.Kind == PositionKind.Undeclared)
                awaiting.Add(new ActionItem(view.Id, view.Subject, $"No position of {state.Value} is recorded yet.", mine.Kind, deadline,
                    deadline is { } a ? Zones.Brussels(a) : null, href));
            if (deadline is { } due && due - now <= Window)
                soon.Add(new ActionItem(view.Id, view.Subject,
                    mine.Kind == PositionKind.Undeclared
                        ? "Silence ends soon: the draft is adopted at the deadline unless an Ally breaks silence."
                        : $"Silence ends soon; {state.Value}'s position is {Words.Of(mine.Kind)}.",
                    mine.Kind, due, Zones.Brussels(due), href));
        }
        return new ToActList(state.Value, now, awaiting, [.. soon.OrderBy(s => s.Deadline)]);
    }
}
