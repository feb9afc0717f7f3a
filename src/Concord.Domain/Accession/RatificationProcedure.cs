using Concord.Domain.Members;

namespace Concord.Domain.Accession;

/// <summary>A Party's national procedure: the stages it goes through, and a note (e.g. "two thirds of senators present").</summary>
public sealed record RatificationProcedure(MemberCode Party, IReadOnlyList<RatificationStage> Stages, string? Note)
{
    /// <summary>The procedure assumed when none is configured: parliamentary approval, then deposit.</summary>
    public static RatificationProcedure Default(MemberCode party) =>
        new(party, [RatificationStage.ParliamentaryApproval, RatificationStage.Deposit], null);
}
