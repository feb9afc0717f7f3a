using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace Concord.Web.Hosting;

/// <summary>Shows NodaTime types in the OpenAPI document as the ISO strings they are serialized to.</summary>
public sealed class NodaTimeSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        (JsonSchemaType Type, string Format)? mapped = type == typeof(Instant) ? (JsonSchemaType.String, "date-time")
            : type == typeof(LocalDate) ? (JsonSchemaType.String, "date")
            : type == typeof(Domain.Members.MemberCode) || type == typeof(Domain.Decisions.DecisionId) ? (JsonSchemaType.String, "")
            : null;
        if (mapped is { } m)
        {
            schema.Type = m.Type;
            schema.Format = m.Format.Length > 0 ? m.Format : null;
            schema.Properties?.Clear();
        }
        return Task.CompletedTask;
    }
}
