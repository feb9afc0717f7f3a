using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace Concord.Web.Hosting;

/// <summary>Shows NodaTime types in the OpenAPI document as the ISO strings they are serialized to.</summary>
public sealed class NodaTimeSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (Mapped(context.JsonTypeInfo.Type) is { } m)
        {
            var nullable = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) is not null || schema.Type?.HasFlag(JsonSchemaType.Null) == true;
            schema.Type = nullable ? m.Type | JsonSchemaType.Null : m.Type;
            schema.Format = m.Format.Length > 0 ? m.Format : null;
            schema.Properties?.Clear();
        }
        return Task.CompletedTask;
    }

    /// <summary>True for the types written as a string: described inline where they are used, never as a component of
    /// their own, which a client generator would read as an object to build (Kiota does).</summary>
    public static bool IsString(Type type) => Mapped(type) is not null;

    private static (JsonSchemaType Type, string Format)? Mapped(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(Instant) ? (JsonSchemaType.String, "date-time")
            : type == typeof(LocalDate) ? (JsonSchemaType.String, "date")
            : type == typeof(Domain.Members.MemberCode) || type == typeof(Domain.Decisions.DecisionId) ? (JsonSchemaType.String, "")
            : null;
    }
}
