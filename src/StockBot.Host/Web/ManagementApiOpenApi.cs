using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using StockBot.Core.Commands;

namespace StockBot.Host.Web;

/// <summary>
/// /openapi/v1.json: every endpoint, its answers (the view records' schemas), the request bodies made from the
/// catalog options they take, and the bearer scheme on the management endpoints.
/// </summary>
internal static class ManagementApiOpenApi
{
    public const string Scheme = "Bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "StockBot management API";
            document.Info.Description = "Websites, monitors and subscriptions, as the CLI manages them. Authorization: Bearer TOKEN (stockbot token create --name N).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "sbt_...",
                Description = "A token from `stockbot token create --name N`.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<BearerRequired>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] });
            }

            if (metadata.OfType<CatalogBody>().FirstOrDefault() is { } body)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = SchemaOf(body) } },
                };
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>The body's JSON schema from the catalog options: types, limits, descriptions, what is required.</summary>
    private static OpenApiSchema SchemaOf(CatalogBody body)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>(),
            Required = new HashSet<string>(),
        };
        foreach (var option in body.Options)
        {
            var aliases = ManagementApiBody.NamesOf(option).Skip(1).ToList();
            schema.Properties[option.Name] = new OpenApiSchema
            {
                Type = option.Type switch
                {
                    CommandOptionType.Integer => JsonSchemaType.Integer,
                    CommandOptionType.Boolean => JsonSchemaType.Boolean,
                    _ => JsonSchemaType.String,
                } | (body.AllOptional ? JsonSchemaType.Null : 0),
                Description = aliases.Count == 0 ? option.Description : $"{option.Description} (also named {string.Join(", ", aliases)})",
                MaxLength = option.MaxLength,
                Minimum = option.MinValue?.ToString(CultureInfo.InvariantCulture),
                Maximum = option.MaxValue?.ToString(CultureInfo.InvariantCulture),
            };
            if (option.Required && !body.AllOptional)
            {
                schema.Required.Add(option.Name);
            }
        }

        return schema;
    }

    /// <summary>Endpoint metadata: needs `Authorization: Bearer`.</summary>
    public sealed class BearerRequired
    {
        public static readonly BearerRequired Instance = new();

        private BearerRequired()
        {
        }
    }

    /// <summary>Endpoint metadata: the JSON body is these catalog options (PATCH: each optional).</summary>
    public sealed record CatalogBody(IReadOnlyList<CommandOption> Options, bool AllOptional);
}
