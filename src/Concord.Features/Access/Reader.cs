using Concord.Domain;
using Concord.Domain.Members;

namespace Concord.Features.Access;

/// <summary>The roles an account can hold (issue 5). A Delegation and a Candidate delegation speak for their nationality.</summary>
public enum Role
{
    /// <summary>Manages accounts; reads the audit trail.</summary>
    Administrator,
    /// <summary>Opens, withdraws and concludes decisions, runs silence procedures, schedules summits, records protocol steps.</summary>
    Secretariat,
    /// <summary>A member state's delegation: records only its own state's positions, ratification stages and pledges.</summary>
    Delegation,
    /// <summary>A candidate's delegation (e.g. Ukraine): sees what is released to it, records its own accession steps.</summary>
    CandidateDelegation,
    /// <summary>Reads all it is cleared for; writes assessments.</summary>
    Analyst,
    /// <summary>Public information only.</summary>
    Observer,
}

/// <summary>
/// Who is reading or writing: the account's name, roles, nationality and clearance. Every read and write goes through
/// one: <see cref="Anonymous"/> for a visitor, <see cref="System"/> for the command line and seeding on the host.
/// </summary>
public sealed record Reader(string Actor, IReadOnlySet<Role> Roles, MemberCode? Nationality, Marking Clearance)
{
    /// <summary>A visitor who has not signed in: sees what is PUBLIC, when the deployment shows a public view.</summary>
    public static readonly Reader Anonymous = new("anonymous", new HashSet<Role>(), null, Marking.Public);

    /// <summary>The host itself (command line, seeding, the silence-deadline job): trusted, sees and may do everything.</summary>
    public static readonly Reader System = new("system", new HashSet<Role> { Role.Administrator, Role.Secretariat }, null, Marking.NatoSecret);

    public bool IsAnonymous => Roles.Count == 0;

    public bool Has(Role role) => Roles.Contains(role);

    /// <summary>Staff of the alliance or of an Ally: sees what its clearance allows without a releasability marking.</summary>
    public bool IsAllied => Has(Role.Administrator) || Has(Role.Secretariat) || Has(Role.Delegation) || Has(Role.Analyst);

    /// <summary>
    /// The one rule of visibility: PUBLIC is for everyone; an Observer or a visitor sees nothing else; others need the
    /// clearance, and, unless they are alliance staff, their nationality among the releasable ("REL UKR").
    /// </summary>
    public bool CanSee(Classification classification)
    {
        if (classification.IsPublic) return true;
        if (IsAnonymous || Roles.All(r => r == Role.Observer)) return false;
        if (Clearance < classification.Marking) return false;
        if (IsAllied) return true;
        return Nationality is { } n && classification.ReleasableTo.Contains(n);
    }

    /// <summary>True when the account speaks for <paramref name="state"/>: its delegation or its candidate delegation.</summary>
    public bool SpeaksFor(MemberCode state) =>
        (Has(Role.Delegation) || Has(Role.CandidateDelegation)) && Nationality == state;
}
