using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.Domain.Tests.Rules;

/// <summary>A rule and an input for it, as FsCheck generates them; printed readably when a property fails.</summary>
public sealed record Case(IDecisionRule Rule, RuleInput Input)
{
    public Evaluation Evaluate() => Rule.Evaluate(Input);

    public override string ToString() =>
        $"{Rule.GetType().Name}{(Input.SilenceDeadlinePassed ? " after the deadline" : "")}"
        + (Input.Concerned is { } c ? $" concerning {c}" : "") + ": "
        + string.Join(", ", Input.Eligible.Select(Describe));

    private string Describe(Seat seat) =>
        $"{seat.Member}{(seat.Permanent ? "*" : "")}({seat.Population})={Input.PositionOf(seat.Member)}";
}

/// <summary>Generators of random positions for every rule, over the body each rule is used in.</summary>
internal static class Cases
{
    /// <summary>Not eligible anywhere; its position (not even allowed by most rules) must be ignored.</summary>
    public static readonly MemberCode Outsider = MemberCode.Parse("ZZZ");

    public static Arbitrary<Case> Nato => Arb.From(Of(NatoConsensus.Instance, Gen.Constant(Seats.Nato)));

    /// <summary>Every rule, each with seats of the body it belongs to.</summary>
    public static Arbitrary<Case> AnyRule => Arb.From(Gen.OneOf(
        Of(NatoConsensus.Instance, Gen.Constant(Seats.Nato)),
        Of(SilenceProcedure.Instance, Gen.Constant(Seats.Nato)),
        Of(Unanimity.Instance, Gen.Constant(Seats.Nato)),
        Of(ConsensusMinusOne.Instance, Gen.Constant(Seats.Nato)),
        Of(EuQualifiedMajority.Standard, EuSeats),
        Of(EuQualifiedMajority.Reinforced, EuSeats),
        Of(EuUnanimity.Instance, EuSeats),
        Of(UnSecurityCouncil.Instance, Gen.Constant(Seats.UnSecurityCouncil))));

    /// <summary>The 27 EU members with random populations (some zero).</summary>
    private static Gen<IReadOnlyList<Seat>> EuSeats =>
        Gen.ArrayOf(Gen.Choose(0, 100), Seats.EuCodes.Length)
            .Select(IReadOnlyList<Seat> (p) => Seats.EuCodes.Select((c, i) => Seats.Seat(c, p[i])).ToList());

    private static Gen<Case> Of(IDecisionRule rule, Gen<IReadOnlyList<Seat>> seats) =>
        from eligible in seats
        from positions in Positions(rule, eligible.Count)
        from deadlinePassed in Gen.Elements(false, true)
        from concerned in Gen.Elements(eligible.Select(s => (MemberCode?)s.Member).Append(null).ToArray())
        select new Case(rule, Input(eligible, positions, deadlinePassed, concerned));

    /// <summary>
    /// Mostly concurring bodies as often as divided ones: a random share of the seats concurs, the rest take any
    /// allowed position, so that adoption is neither certain nor hopeless.
    /// </summary>
    private static Gen<PositionKind[]> Positions(IDecisionRule rule, int count) =>
        from concurWeight in Gen.Elements(0, 3, 20, 200)
        from positions in Gen.ArrayOf(
            Gen.Frequency(
                (concurWeight, Gen.Constant(PositionKind.Concur)),
                (1, Gen.Elements(rule.AllowedPositions.ToArray()))),
            count)
        select positions;

    private static RuleInput Input(
        IReadOnlyList<Seat> seats, PositionKind[] positions, bool passed, MemberCode? concerned)
    {
        var byMember = seats.Select((s, i) => (s.Member, positions[i])).ToDictionary(p => p.Member, p => p.Item2);
        byMember[Outsider] = PositionKind.Against;
        return new RuleInput(seats, byMember, passed, concerned);
    }
}
