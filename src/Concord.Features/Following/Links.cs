using Concord.Domain.Statements;

namespace Concord.Features.Following;

/// <summary>Where the browser app shows each thing: the one place search hits, feed entries and calendar events take their links from.</summary>
public static class Links
{
    public static string Decision(string id) => $"/decisions/{Uri.EscapeDataString(id)}";

    public static string Accession(string candidate) => $"/accessions/{Uri.EscapeDataString(candidate)}";

    /// <summary>A statement on its first actor's page, at its own entry of the timeline.</summary>
    public static string Statement(StatementRecorded s) =>
        s.Actors.Count == 0 ? "/actors" : $"/actors/{Uri.EscapeDataString(StatementActors.Slug(s.Actors[0].Name))}#statement-{Uri.EscapeDataString(s.Id)}";

    /// <summary>A pledge at its row of the ledger.</summary>
    public static string Pledge(string id) => $"/assistance#pledge-{Uri.EscapeDataString(id)}";

    public static string Source(string id) => $"/sources/{Uri.EscapeDataString(id)}";
}
