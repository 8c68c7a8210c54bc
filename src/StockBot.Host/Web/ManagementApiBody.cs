using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StockBot.Core;
using StockBot.Core.Commands;

namespace StockBot.Host.Web;

/// <summary>
/// A JSON body read as a catalog command's options: the same names as the CLI (snake_case, `api_identifier`,
/// `purchase_link`; the service's field names such as `threshold_low` or `website_id` too), the same checks and
/// error texts (<see cref="CommandExecutor.ParseValue"/>), so the API cannot drift from the CLI and chat.
/// A field the command does not take, or of the wrong JSON type, is bad input naming it.
/// </summary>
internal sealed class ManagementApiBody
{
    private readonly Dictionary<string, string> spelled = new(StringComparer.Ordinal);

    /// <summary>Options given as JSON null: PATCH clears them (a monitor's low, high and purchase_link).</summary>
    public HashSet<string> Nulls { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the body gave <paramref name="option"/> (under any of its names).</summary>
    public bool Given(string option) => spelled.ContainsKey(option);

    /// <summary>An option as this request spelled it (threshold_low, if the client wrote that), else its own name.</summary>
    public string Spell(string option) => spelled.TryGetValue(option, out var name) ? name : option;

    /// <summary>Reads the request body as the options of <paramref name="options"/>; <paramref name="allOptional"/> for PATCH.</summary>
    public async Task<CommandArguments> ReadAsync(HttpRequest request, IReadOnlyList<CommandOption> options, bool allOptional, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InputException("body", $"is not valid JSON ({ex.Message.Split('.')[0]})");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InputException("body", $"must be a JSON object, not {body.ValueKind.ToString().ToLowerInvariant()}");
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            var option = options.FirstOrDefault(o => NamesOf(o).Contains(property.Name, StringComparer.Ordinal))
                ?? throw new InputException(property.Name, $"unknown field; this takes {string.Join(", ", options.Select(o => o.Name))}");
            if (!spelled.TryAdd(option.Name, property.Name))
            {
                throw new InputException(property.Name, $"is given twice (as {spelled[option.Name]} too)");
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                Nulls.Add(option.Name);
                continue;
            }

            object? value = null;
            var error = Check(option, property.Value) ?? CommandExecutor.ParseValue(option, Text(property.Value), out value);
            if (error is not null)
            {
                throw new InputException(property.Name, error);
            }

            if (value is not null)
            {
                values[option.Name] = value;
            }
        }

        var missing = allOptional ? null : options.FirstOrDefault(o => o.Required && !values.ContainsKey(o.Name));
        return missing is null
            ? new CommandArguments(values)
            : throw new InputException(missing.Name, $"is required: {missing.Description.ToLowerInvariant()}");
    }

    /// <summary>The JSON names of an option: its catalog name, then the service's fields of it.</summary>
    public static IEnumerable<string> NamesOf(CommandOption option) => InputFields.FieldsOf(option.Name).Prepend(option.Name);

    /// <summary>The JSON type an option needs; a number as text ("5") is not a number.</summary>
    private static string? Check(CommandOption option, JsonElement value) => option.Type switch
    {
        CommandOptionType.Integer when value.ValueKind != JsonValueKind.Number => "must be a whole number (a JSON number)",
        CommandOptionType.Boolean when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False) => "must be true or false (a JSON boolean)",
        CommandOptionType.String or CommandOptionType.Channel or CommandOptionType.Role when value.ValueKind != JsonValueKind.String => "must be a JSON string",
        _ => null,
    };

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
