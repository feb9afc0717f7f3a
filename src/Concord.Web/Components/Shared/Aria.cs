namespace Concord.Web.Components.Shared;

/// <summary>Attribute dictionaries for components that take ARIA attributes as a bag (MudTable's TableAttributes).</summary>
public static class Aria
{
    public static Dictionary<string, object> Label(string label) => new() { ["aria-label"] = label };
}
