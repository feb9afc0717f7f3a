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
    /// <summary>
    /// The options of what Concord stored itself (events, read-model state): lenient, as the web defaults read, so a
    /// payload written by an older version stays readable.
    /// </summary>
    public static readonly JsonSerializerOptions Options = Conventions(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// Applies Concord's conventions to the web host's options, strict on what a request body may say: a property given
    /// twice (which one would win is the reader's guess), a number sent as a string ("1e5") and a member the request
    /// does not have (a misspelt field silently ignored) are refused as malformed. Responses are written as always.
    /// </summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        Conventions(options);
        Strict(options);
        return options;
    }

    /// <summary>The reading rules of the input policy for JSON sent to Concord (request bodies, imported JSON files).</summary>
    public static JsonSerializerOptions Strict(JsonSerializerOptions options)
    {
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        return options;
    }

    /// <summary>How an importer reads a JSON file: a property given twice is refused, as in a request body.</summary>
    public static readonly JsonDocumentOptions IncomingDocument = new() { AllowDuplicateProperties = false };

    private static JsonSerializerOptions Conventions(JsonSerializerOptions options)
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
