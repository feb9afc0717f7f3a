namespace Concord.Domain.Readiness;

/// <summary>
/// A kind of stock, in lower-case words joined by dashes: "air-defence", "ammunition-155mm", "armour". Finer than
/// <see cref="Assistance.AssistanceCategory"/> when a deployment wants it to be; the assistance categories are the
/// same words ("AirDefence" is "air-defence").
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StockCategoryJson))]
public readonly record struct StockCategory
{
    private StockCategory(string value) => Value = value;

    public string Value { get; }

    /// <summary>Parses "Air Defence", "air_defence", "AirDefence" or "air-defence" to "air-defence"; null when not words.</summary>
    public static StockCategory? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < t.Length; i++)
        {
            var ch = t[i];
            if (ch is ' ' or '_' or '-') { if (sb.Length > 0 && sb[^1] != '-') sb.Append('-'); continue; }
            if (!char.IsAsciiLetterOrDigit(ch)) return null;
            if (char.IsAsciiLetterUpper(ch) && i > 0 && char.IsAsciiLetterLower(t[i - 1]) && sb[^1] != '-') sb.Append('-');
            if (char.IsAsciiDigit(ch) && i > 0 && char.IsAsciiLetter(t[i - 1]) && sb[^1] != '-') sb.Append('-');
            sb.Append(char.ToLowerInvariant(ch));
        }
        var value = sb.ToString().Trim('-');
        return value.Length is 0 or > 60 ? null : new StockCategory(value);
    }

    public static StockCategory Parse(string text) =>
        TryParse(text) ?? throw new ArgumentException($"'{text}' is not a stock category.", nameof(text));

    /// <summary>The words for a sentence: "air-defence".</summary>
    public override string ToString() => Value ?? "";
}

/// <summary>Stored and sent as its words ("air-defence"), so the log and the API read the same.</summary>
public sealed class StockCategoryJson : System.Text.Json.Serialization.JsonConverter<StockCategory>
{
    public override StockCategory Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        StockCategory.TryParse(reader.GetString()) ?? throw new System.Text.Json.JsonException("Expected a stock category such as \"air-defence\".");

    public override void Write(System.Text.Json.Utf8JsonWriter writer, StockCategory value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
