namespace Concord.Domain.Rules;

/// <summary>Where a decision stands under its rule.</summary>
public enum Outcome
{
    /// <summary>Not yet decided: members are still to act, or a silence deadline has not passed.</summary>
    Pending,
    /// <summary>Adopted: every required member agreed.</summary>
    Adopted,
    /// <summary>Adopted because the silence deadline passed and no member broke silence.</summary>
    AdoptedUnderSilence,
    /// <summary>Adopted, with at least one member's dissent recorded in a footnote.</summary>
    AdoptedWithFootnotes,
    /// <summary>Blocked: at least one member prevents adoption (an objection, a reservation, a veto, a blocking minority).</summary>
    Blocked,
    /// <summary>Closed by the secretariat without adoption ("agree to disagree"); no further positions are taken.</summary>
    Lapsed,
    /// <summary>Withdrawn by the secretariat.</summary>
    Withdrawn,
    /// <summary>
    /// Not shown: the reader is not cleared for every position, and any outcome would let it infer them. The
    /// secretariat's released statement, if any, stands in for it. Never the result of a rule.
    /// </summary>
    Withheld,
}

public static class OutcomeExtensions
{
    /// <summary>True for every way of being adopted: plainly, under silence, or with footnotes.</summary>
    public static bool IsAdopted(this Outcome outcome) =>
        outcome is Outcome.Adopted or Outcome.AdoptedUnderSilence or Outcome.AdoptedWithFootnotes;
}
