using Concord.Domain.Members;

namespace Concord.Domain.Accession;

/// <summary>
/// A Party's national procedure: the stages it goes through, in their order, and a note (e.g. "two thirds of senators
/// present"). It says what a track is expected to show. A stage it lists is refused when dated before a stage it lists
/// earlier (a head of state's signature before the parliament's vote); a stage missing, or one it does not list, is
/// never refused (the NATO PA tracker, for one, records a single end-of-procedure date for every Ally).
/// </summary>
public sealed record RatificationProcedure(MemberCode Party, IReadOnlyList<RatificationStage> Stages, string? Note, string? Source = null)
{
    /// <summary>The procedure assumed when none is configured: parliamentary approval, then deposit.</summary>
    public static RatificationProcedure Default(MemberCode party) =>
        new(party, [RatificationStage.ParliamentaryApproval, RatificationStage.Deposit], null);
}

/// <summary>A Party's ratification procedure was configured (or reconfigured: the latest applies).</summary>
public sealed record RatificationProcedureSet(MemberCode Party, IReadOnlyList<RatificationStage> Stages, string? Note, string? Source);
