namespace StockBot.Discord.Rest;

/// <summary>Discord's own words for an error answer, with the field a 50035 "Invalid Form Body" names.</summary>
internal static class DiscordErrorText
{
    /// <summary>Field errors named in the text: enough to find the fault, short enough for a log line or last_error.</summary>
    private const int MaxFieldErrors = 3;

    /// <summary>"Invalid Form Body (code 50035): components.0.components.0.url: Not a well formed URL."; null when the body is not Discord's error JSON.</summary>
    public static string? Describe(string body)
    {
        if (!body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        ErrorBody? error;
        try
        {
            error = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.ErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }

        if (error?.Message is not { } message)
        {
            return null;
        }

        var text = error.Code is { } code ? $"{message} (code {code.ToString(CultureInfo.InvariantCulture)})" : message;
        var fields = new List<string>();
        if (error.Errors is { ValueKind: JsonValueKind.Object } errors)
        {
            Collect(errors, string.Empty, fields);
        }

        return fields.Count == 0 ? text : $"{text}: {string.Join("; ", fields)}";
    }

    private static void Collect(JsonElement node, string path, List<string> fields)
    {
        foreach (var property in node.EnumerateObject())
        {
            if (fields.Count >= MaxFieldErrors)
            {
                return;
            }

            if (property.Name == "_errors" && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    {
                        fields.Add(path.Length == 0 ? m.GetString()! : $"{path}: {m.GetString()}");
                        break;
                    }
                }
            }
            else if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Collect(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", fields);
            }
        }
    }
}
