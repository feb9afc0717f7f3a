using NodaTime;

namespace Concord.Domain.Members;

/// <summary>A fact in a body's stream of seats.</summary>
public interface IMemberEvent;

/// <summary>
/// A state took its seat in a body on <paramref name="Since"/> (for NATO: the deposit of its instrument of
/// accession). Population and permanence matter only for the rules that weigh them.
/// </summary>
public sealed record MemberAdmitted(
    string Body,
    MemberCode Member,
    string Name,
    LocalDate Since,
    long Population,
    bool Permanent,
    string? Sources,
    string? Notes) : IMemberEvent;

/// <summary>Folds a body's seats from its events.</summary>
public static class BodySeats
{
    /// <summary>
    /// Decides whether admitting a member adds a seat: an identical record is accepted with no event
    /// (imports can be re-run); a second membership for a member is refused.
    /// </summary>
    public static Decided<IMemberEvent> Decide(Body? body, MemberAdmitted admitted)
    {
        if (body?.Find(admitted.Member) is not { } existing) return Decided<IMemberEvent>.Accept(admitted);
        if (existing.Since == admitted.Since && existing.Name == admitted.Name
            && existing.Population == admitted.Population && existing.Permanent == admitted.Permanent)
            return Decided<IMemberEvent>.Accept();
        return Refusal.Conflict($"{existing.Name} ({existing.Member}) is already a member of {body.Code} since {existing.Since:yyyy-MM-dd}.");
    }

    public static Body Evolve(Body? body, string code, IMemberEvent e) => e switch
    {
        MemberAdmitted a => (body ?? new Body(code, BodyNames.For(code), [])) with
        {
            Seats = [.. body?.Seats ?? [], new Seat(a.Member, a.Name, a.Since, null, a.Population, a.Permanent)],
        },
        _ => body ?? new Body(code, BodyNames.For(code), []),
    };
}

/// <summary>Display names of well-known bodies; any other body is named by its code.</summary>
public static class BodyNames
{
    public static string For(string code) => code switch
    {
        Body.Nato => "North Atlantic Council",
        "EU" => "Council of the European Union",
        "UNSC" => "United Nations Security Council",
        "OSCE" => "OSCE Permanent Council",
        _ => code,
    };
}
