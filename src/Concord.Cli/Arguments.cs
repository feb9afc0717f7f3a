using System.CommandLine;
using Concord.Domain.Members;

namespace Concord.Cli;

/// <summary>The arguments several commands share, and the checks made before a store is opened.</summary>
public static class Arguments
{
    public static Argument<FileInfo> File(string description) => new("FILE") { Description = description };

    /// <summary>Why <paramref name="file"/> cannot be read, or null when it exists.</summary>
    public static string? MissingFile(FileInfo file) =>
        file.Exists ? null : $"There is no file '{file.FullName}'.";

    public static string NotADecisionId(string? text) =>
        $"'{text}' is not a decision id: use lower-case letters, digits and dashes, e.g. invite-ukraine-washington-2024.";

    public static string NotACandidate(string? text) =>
        $"'{text}' is not a candidate: use its ISO 3166-1 alpha-3 code, e.g. FIN.";

    public static string NoAccession(MemberCode candidate) =>
        $"There is no accession of '{candidate}'. See `concord accession list`.";
}
