using Concord.Features.Sources;

namespace Concord.Cli.Commands;

/// <summary>A citation written out for the terminal: each document it names, with publisher, title, date and address.</summary>
internal static class CitationRendering
{
    /// <summary>One line per part of <paramref name="source"/>: a registered id per document, free text marked unregistered.</summary>
    public static IEnumerable<string> Lines(SourceBook book, string? source) => book.Resolve(source).SelectMany(Lines);

    public static IEnumerable<string> Lines(CitedSource c) => !c.Registered
        ? [$"{c.Text} ({(c.IsId ? "not registered" : "unregistered")})"]
        : c.Documents.Select(d => $"{(d.Id == c.Text ? d.Id : $"{c.Text} → {d.Id}")}: {d.Line}{(d.Url is { } url ? $" <{url}>" : "")}");
}
