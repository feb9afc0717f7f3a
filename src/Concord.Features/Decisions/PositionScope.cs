using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Access;

namespace Concord.Features.Decisions;

/// <summary>
/// Whose position an account may state: a delegation states only its own state's position. The host itself
/// (<see cref="Reader.System"/>: the command line, the importers, seeding) is trusted. Checked by the use case under
/// the endpoint's permission, so a path that forgets the permission still cannot speak for another state.
/// </summary>
public static class PositionScope
{
    /// <summary>Null when <paramref name="actor"/> may state <paramref name="member"/>'s position; otherwise the 403 refusal.</summary>
    public static Refusal? Refuse(Reader actor, MemberCode member, Body body)
    {
        if (ReferenceEquals(actor, Reader.System) || actor.SpeaksFor(member)) return null;
        string NameOf(MemberCode code) => body.Find(code)?.Name ?? code.Value;
        if (actor.Has(Role.Delegation) && actor.Nationality is { } own)
            return Refusal.Forbidden($"The delegation of {NameOf(own)} may state only {NameOf(own)}'s position, not {NameOf(member)}'s.", "member");
        return Refusal.Forbidden($"Only a member state's delegation states a position, and only its own state's; this account speaks for no state here, not for {NameOf(member)}.", "member");
    }
}
