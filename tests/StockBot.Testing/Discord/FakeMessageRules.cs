using System.Text.Json.Nodes;

namespace StockBot.Testing.Discord;

/// <summary>
/// Discord's checks of a message body (create message, execute webhook), answering as Discord does: 50006 for an
/// empty message, 50035 Invalid Form Body with its error tree for a field over its limit or a link that is not a
/// well-formed RFC 3986 URL ("Not a well formed URL.").
/// </summary>
public static class FakeMessageRules
{
    private const string UrlChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%";

    /// <summary>The 400 Discord would answer, or null when the message is one Discord takes.</summary>
    public static FakeDiscordResponse? Check(JsonObject message)
    {
        var content = message["content"]?.GetValue<string>() ?? string.Empty;
        var embeds = message["embeds"] as JsonArray ?? [];
        if (content.Length > 2000)
        {
            return Invalid("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
        }

        if (embeds.Count > 10)
        {
            return Invalid("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
        }

        var total = 0;
        for (var i = 0; i < embeds.Count; i++)
        {
            var embed = embeds[i]!.AsObject();
            var path = $"embeds.{i}";
            if ((Over(embed, "title", 256, ref total) ?? Over(embed, "description", 4096, ref total)) is { } tooLong)
            {
                return Invalid($"{path}.{tooLong.Field}", "BASE_TYPE_MAX_LENGTH", $"Must be {tooLong.Limit} or fewer in length.");
            }

            if (embed["url"]?.GetValue<string>() is { } url && !WellFormed(url))
            {
                return Invalid($"{path}.url", "URL_TYPE_INVALID_URL", "Not a well formed URL.");
            }

            var fields = embed["fields"] as JsonArray ?? [];
            if (fields.Count > 25)
            {
                return Invalid($"{path}.fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
            }

            for (var f = 0; f < fields.Count; f++)
            {
                if ((Over(fields[f]!.AsObject(), "name", 256, ref total) ?? Over(fields[f]!.AsObject(), "value", 1024, ref total)) is { } field)
                {
                    return Invalid($"{path}.fields.{f}.{field.Field}", "BASE_TYPE_MAX_LENGTH", $"Must be {field.Limit} or fewer in length.");
                }
            }

            if (embed["footer"] is JsonObject footer && Over(footer, "text", 2048, ref total) is not null)
            {
                return Invalid($"{path}.footer.text", "BASE_TYPE_MAX_LENGTH", "Must be 2048 or fewer in length.");
            }
        }

        if (total > 6000)
        {
            return Invalid("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
        }

        var rows = message["components"] as JsonArray ?? [];
        for (var r = 0; r < rows.Count; r++)
        {
            var buttons = rows[r]!["components"] as JsonArray ?? [];
            for (var b = 0; b < buttons.Count; b++)
            {
                if (buttons[b]!["url"]?.GetValue<string>() is { } url && (url.Length > 512 || !WellFormed(url)))
                {
                    return Invalid($"components.{r}.components.{b}.url", "URL_TYPE_INVALID_URL", "Not a well formed URL.");
                }
            }
        }

        return content.Length == 0 && embeds.Count == 0
            ? new FakeDiscordResponse(400, """{"message": "Cannot send an empty message", "code": 50006}""")
            : null;
    }

    /// <summary>What Discord takes as a link: an absolute http(s) URL of RFC 3986's characters only.</summary>
    public static bool WellFormed(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && url.All(c => UrlChars.Contains(c, StringComparison.Ordinal));

    private static (string Field, int Limit)? Over(JsonObject node, string field, int limit, ref int total)
    {
        var text = node[field]?.GetValue<string>() ?? string.Empty;
        total += text.Length;
        return text.Length > limit ? (field, limit) : null;
    }

    /// <summary>50035 with Discord's error tree: {"errors": {"embeds": {"0": {"url": {"_errors": [...]}}}}}.</summary>
    private static FakeDiscordResponse Invalid(string path, string code, string text)
    {
        JsonNode leaf = new JsonObject { ["_errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = text }) };
        foreach (var part in path.Split('.').Reverse())
        {
            leaf = new JsonObject { [part] = leaf };
        }

        var body = new JsonObject { ["message"] = "Invalid Form Body", ["code"] = 50035, ["errors"] = leaf };
        return new FakeDiscordResponse(400, body.ToJsonString());
    }
}
