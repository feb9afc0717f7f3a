using System.Text.Json;

namespace Concord.Web.Components.Decisions;

/// <summary>One country of the map: an SVG path in map units, a label point, and its area (to place labels).</summary>
/// <param name="Code">ISO 3166-1 alpha-3.</param>
/// <param name="PartOf">For a territory drawn in its sovereign's colour (Greenland: DNK).</param>
public sealed record MapShape(string Code, string Name, bool Member, string? PartOf, string D, int X, int Y, int Area);

/// <summary>A panel of the map (North America, Europe), each with its own projection.</summary>
public sealed record MapFrame(string Name, int X, int Y, int Width, int Height);

/// <summary>
/// The North Atlantic map made once by scripts/build-map.mjs from Natural Earth (wwwroot/map/allies.json, also
/// embedded in this assembly so any host can draw it without reading files).
/// </summary>
public sealed record MapData(string Source, int[] ViewBox, IReadOnlyList<MapFrame> Frames, IReadOnlyList<MapShape> Shapes)
{
    private static readonly Lazy<MapData> Loaded = new(Load);

    public static MapData Allies => Loaded.Value;

    private static MapData Load()
    {
        using var stream = typeof(MapData).Assembly.GetManifestResourceStream("Concord.Web.map.allies.json")
            ?? throw new InvalidOperationException("The map (wwwroot/map/allies.json) is not embedded in Concord.Web.");
        return JsonSerializer.Deserialize<MapData>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("The map file is empty.");
    }
}
