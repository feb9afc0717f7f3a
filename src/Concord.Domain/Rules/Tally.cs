using Concord.Domain.Decisions;
using Concord.Domain.Members;

namespace Concord.Domain.Rules;

/// <summary>An eligible seat and the position its member holds.</summary>
internal readonly record struct Stance(Seat Seat, PositionKind Position)
{
    public MemberCode Member => Seat.Member;
}

/// <summary>
/// The shared arithmetic of every rule: the eligible seats with their positions, sorted by member code, and the
/// best and worst case of the members who have not declared. Positions of members that are not eligible never
/// reach a tally.
/// </summary>
internal sealed class Tally
{
    private Tally(IReadOnlyList<Stance> stances) => Stances = stances;

    /// <summary>Eligible seats in member-code order.</summary>
    public IReadOnlyList<Stance> Stances { get; }

    /// <summary>
    /// Builds the tally of <paramref name="input"/>; a position the rule does not allow is a bug upstream (it
    /// should have been refused when recorded) and throws.
    /// </summary>
    public static Tally Of(RuleInput input, IDecisionRule rule)
    {
        var stances = input.Eligible
            .DistinctBy(s => s.Member)
            .Select(s => new Stance(s, input.PositionOf(s.Member)))
            .OrderBy(s => s.Member.Value, StringComparer.Ordinal)
            .ToList();
        var refused = stances.FirstOrDefault(s => !rule.AllowedPositions.Contains(s.Position));
        if (refused.Seat is not null)
            throw new ArgumentException(
                $"{refused.Member} holds {refused.Position}, which {rule.Kind} does not allow.", nameof(input));
        return new Tally(stances);
    }

    public int Count => Stances.Count;

    public IEnumerable<Stance> With(params PositionKind[] kinds) => Stances.Where(s => kinds.Contains(s.Position));

    public IEnumerable<Stance> Except(params PositionKind[] kinds) => Stances.Where(s => !kinds.Contains(s.Position));

    public IReadOnlyList<MemberCode> MembersWith(params PositionKind[] kinds) => Members(With(kinds));

    public bool Any(params PositionKind[] kinds) => With(kinds).Any();

    public Tally Without(MemberCode member) => new(Stances.Where(s => s.Member != member).ToList());

    /// <summary>The members that take part: those holding any of <paramref name="kinds"/> leave the base.</summary>
    public Tally Excluding(params PositionKind[] kinds) => new(Except(kinds).ToList());

    public long Population => Stances.Sum(s => s.Seat.Population);

    /// <summary>Everyone holding <paramref name="from"/> moves to <paramref name="to"/> (best or worst case).</summary>
    public Tally Assume(PositionKind from, PositionKind to) =>
        new(Stances.Select(s => s.Position == from ? s with { Position = to } : s).ToList());

    public Tally Apply(IEnumerable<PositionChange> changes)
    {
        var to = changes.ToDictionary(c => c.Member, c => c.To);
        return new(Stances.Select(s => to.TryGetValue(s.Member, out var p) ? s with { Position = p } : s).ToList());
    }

    /// <summary>
    /// Decides a voting rule while some members are undeclared: adopted if it adopts even when every undeclared
    /// member votes <paramref name="worst"/>, blocked if it fails even when they all concur, pending otherwise.
    /// </summary>
    public Outcome Bracket(Func<Tally, bool> adopts, PositionKind worst = PositionKind.Against)
    {
        if (adopts(Assume(PositionKind.Undeclared, worst))) return Outcome.Adopted;
        return adopts(Assume(PositionKind.Undeclared, PositionKind.Concur)) ? Outcome.Pending : Outcome.Blocked;
    }

    public static IReadOnlyList<MemberCode> Members(IEnumerable<Stance> stances) =>
        stances.Select(s => s.Member).OrderBy(m => m.Value, StringComparer.Ordinal).ToList();

    /// <summary>Each of <paramref name="stances"/> moves to <see cref="PositionKind.Concur"/>, in member-code order.</summary>
    public static IReadOnlyList<PositionChange> ToConcur(IEnumerable<Stance> stances) =>
        stances.Where(s => s.Position != PositionKind.Concur)
            .Select(s => new PositionChange(s.Member, s.Position, PositionKind.Concur))
            .DistinctBy(c => c.Member)
            .OrderBy(c => c.Member.Value, StringComparer.Ordinal)
            .ToList();

    /// <summary>Seats by population, largest first, ties by member code: whom to persuade first.</summary>
    public static IEnumerable<Stance> LargestFirst(IEnumerable<Stance> stances) =>
        stances.OrderByDescending(s => s.Seat.Population).ThenBy(s => s.Member.Value, StringComparer.Ordinal);
}
