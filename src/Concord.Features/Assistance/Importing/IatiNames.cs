using System.Xml.Linq;
using Concord.Features.Importing;

namespace Concord.Features.Assistance.Importing;

/// <summary>
/// The element and attribute names of an IATI activity file that Concord reads, and those of the IATI 2.03 standard it
/// does not. A file may carry any of the standard's (they are ignored) and extensions in their own namespace; a name
/// that is neither but close to one Concord reads is a misspelling (<c>&lt;transaction-dat&gt;</c>), refused on its line
/// with the name it is close to, since the value it holds would otherwise be lost without a word.
/// </summary>
internal static class IatiNames
{
    private sealed record Names(string[] Read, string[] Standard);

    private static readonly Dictionary<string, Names> Children = new(StringComparer.Ordinal)
    {
        ["iati-activity"] = new(["iati-identifier", "reporting-org", "title", "recipient-country", "transaction"],
            ["description", "participating-org", "other-identifier", "activity-status", "activity-date", "contact-info", "activity-scope",
             "recipient-region", "location", "sector", "tag", "country-budget-items", "humanitarian-scope", "policy-marker", "collaboration-type",
             "default-flow-type", "default-finance-type", "default-aid-type", "default-tied-status", "budget", "planned-disbursement",
             "capital-spend", "document-link", "related-activity", "legacy-data", "conditions", "result", "crs-add", "fss"]),
        ["transaction"] = new(["transaction-type", "transaction-date", "value", "provider-org", "receiver-org", "description"],
            ["disbursement-channel", "sector", "recipient-country", "recipient-region", "flow-type", "finance-type", "aid-type", "tied-status"]),
    };

    private static readonly Dictionary<string, Names> Attributes = new(StringComparer.Ordinal)
    {
        ["iati-activity"] = new(["default-currency", "humanitarian"], ["last-updated-datetime", "hierarchy", "linked-data-uri", "budget-not-provided"]),
        ["transaction"] = new(["humanitarian"], ["ref"]),
        ["transaction-type"] = new(["code"], []),
        ["transaction-date"] = new(["iso-date"], []),
        ["value"] = new(["currency", "value-date"], []),
        ["provider-org"] = new(["ref"], ["type", "provider-activity-id"]),
        ["receiver-org"] = new([], ["ref", "type", "receiver-activity-id"]),
        ["reporting-org"] = new(["ref"], ["type", "secondary-reporter"]),
        ["recipient-country"] = new(["code"], ["percentage"]),
    };

    /// <summary>Every misspelt element or attribute name within <paramref name="activity"/>, on its line.</summary>
    public static IEnumerable<ImportError> Misspelt(XElement activity, Func<XObject, int> line)
    {
        foreach (var element in activity.DescendantsAndSelf().Where(e => e.Name.NamespaceName.Length == 0))
        {
            var name = element.Name.LocalName;
            if (Children.TryGetValue(name, out var children))
                foreach (var child in element.Elements().Where(c => c.Name.NamespaceName.Length == 0))
                    if (Close(child.Name.LocalName, children) is { } close)
                        yield return new ImportError(line(child), child.Name.LocalName, $"Unknown element <{child.Name.LocalName}> in <{name}>. Did you mean <{close}>?");
            if (Attributes.TryGetValue(name, out var attributes))
                foreach (var attribute in element.Attributes().Where(a => a.Name.NamespaceName.Length == 0))
                    if (Close(attribute.Name.LocalName, attributes) is { } close)
                        yield return new ImportError(line(element), $"{name}/@{attribute.Name.LocalName}",
                            $"Unknown attribute '{attribute.Name.LocalName}' of <{name}>. Did you mean '{close}'?");
        }
    }

    private static string? Close(string given, Names names) =>
        names.Read.Contains(given, StringComparer.Ordinal) || names.Standard.Contains(given, StringComparer.Ordinal) ? null
            : DidYouMean.Closest(given, names.Read);
}
