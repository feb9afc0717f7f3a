using System.Globalization;
using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Following;

/// <summary>
/// One dated thing on the calendar: all day (<see cref="FirstDay"/> to <see cref="LastDay"/>, inclusive) or at an
/// instant (<see cref="At"/>, shown in Brussels time), with a stable id, a summary, what it is and where to read it.
/// </summary>
public sealed record Deadline(string Uid, string Kind, string Summary, string Description, string Href, LocalDate? FirstDay, LocalDate? LastDay, Instant? At);

/// <summary>
/// The calendar of what falls due: summits (their days), silence deadlines (the instant, in Brussels time) and the
/// dates deliveries were promised by (the last day of the promise). A silence deadline is listed only for a decision
/// the reader sees whole, as the decision room shows it; summits and pledges are public.
/// </summary>
public static class Deadlines
{
    public static async Task<IReadOnlyList<Deadline>> For(ConcordDbContext db, Reader reader, CancellationToken ct)
    {
        var items = new List<Deadline>();
        foreach (var s in await db.Summits.AsNoTracking().OrderBy(s => s.Start).ToListAsync(ct))
            items.Add(new Deadline($"summit-{s.Id}@concord", "summit", $"{s.Name} ({s.City})",
                s.Kind is { } kind ? $"NATO {kind} in {s.City}." : $"NATO summit in {s.City}.", "/summits", s.Start, s.End, null));

        var decisions = await db.Decisions.AsNoTracking().Where(d => d.SilenceDeadline != null).ToListAsync(ct);
        foreach (var d in decisions.OrderBy(d => d.SilenceDeadline))
        {
            if (CurrentDecision.SightOf(reader, d) != DecisionSight.Full) continue;
            var at = d.SilenceDeadline!.Value;
            items.Add(new Deadline($"silence-{d.Id}-{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}@concord", "silence",
                $"Silence deadline: {d.Subject}",
                $"The draft of decision {d.Id} is adopted at this instant unless an Ally breaks silence before it{(d.Concluded ? " (the decision is concluded)" : "")}.",
                Links.Decision(d.Id), null, null, at));
        }

        foreach (var p in (await Assistance.PledgeStream.Current(db, ct)).OrderBy(p => p.Id.Value, StringComparer.Ordinal))
        {
            if (p.Status == PledgeStatus.Cancelled) continue;
            var promise = p.Promised ?? (p.PromisedBy is { } by ? DateWindow.OnOrBefore(by) : null);
            if (promise?.Latest is not { } last) continue;
            var what = string.Join(", ", p.Lines.Select(l => l.Item).Concat((p.Undisclosed ?? []).Select(u => u.Item)));
            items.Add(new Deadline($"promise-{p.Id.Value}@concord", "promisedDelivery",
                $"Delivery promised: {string.Join(" and ", p.Donors.Select(d => d.Value))} → {p.Recipient.Value}, {what}",
                $"Pledge {p.Id.Value}: delivery promised {promise}. Status: {Words.Of(p.Status)}.",
                Links.Pledge(p.Id.Value), last, last, null));
        }
        return items;
    }
}
