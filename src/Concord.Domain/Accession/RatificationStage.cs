namespace Concord.Domain.Accession;

/// <summary>
/// The national stages of one Party's ratification, in their usual order. Which apply depends on the Party's
/// procedure (<see cref="RatificationProcedure"/>): the US Senate gives advice and consent (upper house, two
/// thirds of senators present) and the President signs; the United Kingdom needs no parliamentary vote.
/// </summary>
public enum RatificationStage
{
    /// <summary>A parliamentary committee reported on the protocol.</summary>
    Committee,
    /// <summary>The lower (or only) house voted.</summary>
    LowerHouse,
    /// <summary>The upper house voted (US: Senate advice and consent).</summary>
    UpperHouse,
    /// <summary>The end of the parliamentary procedure, when the houses are not told apart (NATO PA tracker dates).</summary>
    ParliamentaryApproval,
    /// <summary>The head of state signed the law or the instrument.</summary>
    HeadOfStateSignature,
    /// <summary>The law was published (e.g. in an official gazette).</summary>
    Publication,
    /// <summary>The government ratified without a parliamentary vote, or the executive act that completes ratification.</summary>
    ExecutiveRatification,
    /// <summary>The instrument of acceptance was deposited with the depositary (the US Government).</summary>
    Deposit,
}

public static class RatificationStages
{
    /// <summary>True for the stages that are the national approval a deposit requires.</summary>
    public static bool IsApproval(this RatificationStage stage) => stage is not (RatificationStage.Deposit or RatificationStage.Committee);
}
