using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Concord.Features;

/// <summary>The one JSON shape of Concord: camelCase, enums as strings, NodaTime as ISO text.</summary>
public static class ConcordJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies Concord's conventions to options (the web host's and the event log's).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new MemberCodeConverter());
        options.Converters.Add(new DecisionIdConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }

    private sealed class MemberCodeConverter : JsonConverter<MemberCode>
    {
        public override MemberCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            MemberCode.TryParse(reader.GetString()) ?? throw new JsonException("Expected an ISO 3166-1 alpha-3 code such as \"TUR\".");

        public override void Write(Utf8JsonWriter writer, MemberCode value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }

    private sealed class DecisionIdConverter : JsonConverter<DecisionId>
    {
        public override DecisionId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DecisionId.TryParse(reader.GetString()) ?? throw new JsonException("Expected a decision id: lower-case letters, digits and dashes.");

        public override void Write(Utf8JsonWriter writer, DecisionId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
