using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StockBot.Testing.Discord;

/// <summary>
/// Discord's documented limits and shapes for what a bot sends, checked as Discord checks them: a 400 with
/// `{"code": 50035, "errors": {...}, "message": "Invalid Form Body"}` naming the field, or 50006 for an empty
/// message. Written from Discord's API reference (Message, Embed limits, Components, Application Commands,
/// Interactions), independently of the client's own checks.
/// </summary>
public static partial class FakeDiscordRules
{
    public const int ContentLimit = 2000;
    public const int EmbedsPerMessage = 10;
    public const int EmbedTotalLimit = 6000;

    /// <summary>The errors of a message body (create, callback data, edit); null when Discord takes it.</summary>
    public static FakeDiscordResponse? CheckMessage(JsonNode? body, bool isEdit, bool hasFiles)
    {
        var errors = new JsonObject();
        if (body is not JsonObject message)
        {
            return InvalidJson();
        }

        var content = message["content"]?.GetValue<string>();
        if (content is { Length: > ContentLimit })
        {
            Add(errors, ["content"], "BASE_TYPE_MAX_LENGTH", $"Must be {ContentLimit} or fewer in length.");
        }

        var embeds = message["embeds"] as JsonArray;
        if (embeds is { Count: > EmbedsPerMessage })
        {
            Add(errors, ["embeds"], "BASE_TYPE_MAX_LENGTH", $"Must be {EmbedsPerMessage} or fewer in length.");
        }

        var total = 0;
        for (var i = 0; embeds is not null && i < embeds.Count; i++)
        {
            total += CheckEmbed(embeds[i] as JsonObject, i, errors);
        }

        if (total > EmbedTotalLimit)
        {
            Add(errors, ["embeds"], "MAX_EMBED_SIZE_EXCEEDED", $"Embed size exceeds maximum size of {EmbedTotalLimit}");
        }

        var components = message["components"] as JsonArray;
        CheckComponents(components, errors);
        CheckAllowedMentions(message["allowed_mentions"] as JsonObject, errors);
        if (errors.Count > 0)
        {
            return InvalidFormBody(errors);
        }

        var empty = string.IsNullOrEmpty(content) && (embeds is null || embeds.Count == 0) && (components is null || components.Count == 0) && !hasFiles;
        return empty && !isEdit ? new FakeDiscordResponse(400, """{"message":"Cannot send an empty message","code":50006}""") : null;
    }

    /// <summary>A modal (callback type 9): a title of 1-45, 1-5 rows of one text input each, labels 1-45, max_length up to 4000.</summary>
    public static FakeDiscordResponse? CheckModal(JsonObject? data)
    {
        var errors = new JsonObject();
        var title = data?["title"]?.GetValue<string>() ?? string.Empty;
        if (title.Length is < 1 or > 45)
        {
            Add(errors, ["data", "title"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length.");
        }

        var rows = data?["components"] as JsonArray;
        if (rows is null || rows.Count is < 1 or > 5)
        {
            Add(errors, ["data", "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
        }

        for (var r = 0; rows is not null && r < rows.Count; r++)
        {
            var inputs = rows[r]?["components"] as JsonArray;
            if (rows[r]?["type"]?.GetValue<int>() != 1 || inputs is not { Count: 1 })
            {
                Add(errors, ["data", "components", $"{r}"], "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "A modal row holds exactly one text input.");
                continue;
            }

            var input = inputs[0]!;
            var label = input["label"]?.GetValue<string>() ?? string.Empty;
            if (input["type"]?.GetValue<int>() != 4 || string.IsNullOrEmpty(input["custom_id"]?.GetValue<string>()))
            {
                Add(errors, ["data", "components", $"{r}", "components", "0"], "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (4,).");
            }

            if (label.Length is < 1 or > 45)
            {
                Add(errors, ["data", "components", $"{r}", "components", "0", "label"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length.");
            }

            if (input["max_length"]?.GetValue<int>() is > 4000 or < 1)
            {
                Add(errors, ["data", "components", $"{r}", "components", "0", "max_length"], "NUMBER_TYPE_MAX", "int value should be less than or equal to 4000.");
            }
        }

        return errors.Count > 0 ? InvalidFormBody(errors) : null;
    }

    /// <summary>Autocomplete choices (callback type 8): at most 25, names 1-100.</summary>
    public static FakeDiscordResponse? CheckChoices(JsonObject? data)
    {
        var errors = new JsonObject();
        var choices = data?["choices"] as JsonArray ?? [];
        if (choices.Count > 25)
        {
            Add(errors, ["data", "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if ((choices[i]?["name"]?.GetValue<string>() ?? string.Empty).Length is < 1 or > 100)
            {
                Add(errors, ["data", "choices", $"{i}", "name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
            }
        }

        return errors.Count > 0 ? InvalidFormBody(errors) : null;
    }

    /// <summary>A bulk-overwrite body: names, descriptions, option counts and types, required options before optional ones, contexts.</summary>
    public static FakeDiscordResponse? CheckCommands(JsonNode? body, bool global)
    {
        if (body is not JsonArray commands)
        {
            return InvalidJson();
        }

        var errors = new JsonObject();
        if (commands.Count > 100)
        {
            Add(errors, [], "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
        }

        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i] as JsonObject;
            CheckNamed(command, [$"{i}"], errors);
            if (command?["contexts"] is JsonArray contexts && contexts.Any(c => c?.GetValue<int>() is not (0 or 1 or 2)))
            {
                Add(errors, [$"{i}", "contexts"], "ENUM_TYPE_COERCE", "Value is not a valid enum value.");
            }

            if (command?["integration_types"] is JsonArray types && types.Any(c => c?.GetValue<int>() is not (0 or 1)))
            {
                Add(errors, [$"{i}", "integration_types"], "ENUM_TYPE_COERCE", "Value is not a valid enum value.");
            }

            CheckOptions(command?["options"] as JsonArray, [$"{i}", "options"], errors);
        }

        _ = global;
        return errors.Count > 0 ? InvalidFormBody(errors) : null;
    }

    /// <summary>A URL Discord takes in a link button or an embed: http(s) (or discord), a host, only RFC 3986's characters, at most 512.</summary>
    public static bool IsWellFormedUrl(string? url) =>
        url is { Length: > 0 and <= 512 } && WellFormedUrl().IsMatch(url);

    public static FakeDiscordResponse InvalidFormBody(JsonObject errors) =>
        new(400, new JsonObject { ["code"] = 50035, ["errors"] = errors, ["message"] = "Invalid Form Body" }.ToJsonString());

    private static FakeDiscordResponse InvalidJson() => new(400, """{"message":"The request body contains invalid JSON.","code":50109}""");

    private static int CheckEmbed(JsonObject? embed, int index, JsonObject errors)
    {
        if (embed is null)
        {
            return 0;
        }

        var at = new[] { "embeds", $"{index}" };
        var title = embed["title"]?.GetValue<string>() ?? string.Empty;
        var description = embed["description"]?.GetValue<string>() ?? string.Empty;
        var footer = embed["footer"]?["text"]?.GetValue<string>() ?? string.Empty;
        Max(errors, [.. at, "title"], title, 256);
        Max(errors, [.. at, "description"], description, 4096);
        Max(errors, [.. at, "footer", "text"], footer, 2048);
        if (embed["url"]?.GetValue<string>() is { } url && !IsWellFormedUrl(url))
        {
            Add(errors, [.. at, "url"], "URL_TYPE_INVALID_URL", "Not a well formed URL.");
        }

        var total = title.Length + description.Length + footer.Length;
        var fields = embed["fields"] as JsonArray ?? [];
        if (fields.Count > 25)
        {
            Add(errors, [.. at, "fields"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        }

        for (var f = 0; f < fields.Count; f++)
        {
            var name = fields[f]?["name"]?.GetValue<string>() ?? string.Empty;
            var value = fields[f]?["value"]?.GetValue<string>() ?? string.Empty;
            if (name.Length == 0 || value.Length == 0)
            {
                Add(errors, [.. at, "fields", $"{f}", name.Length == 0 ? "name" : "value"], "BASE_TYPE_REQUIRED", "This field is required");
            }

            Max(errors, [.. at, "fields", $"{f}", "name"], name, 256);
            Max(errors, [.. at, "fields", $"{f}", "value"], value, 1024);
            total += name.Length + value.Length;
        }

        return total;
    }

    private static void CheckComponents(JsonArray? rows, JsonObject errors)
    {
        if (rows is null)
        {
            return;
        }

        if (rows.Count > 5)
        {
            Add(errors, ["components"], "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var buttons = rows[r]?["components"] as JsonArray;
            if (rows[r]?["type"]?.GetValue<int>() != 1 || buttons is null || buttons.Count is < 1 or > 5)
            {
                Add(errors, ["components", $"{r}", "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
                continue;
            }

            for (var b = 0; b < buttons.Count; b++)
            {
                var button = buttons[b]!;
                var at = new[] { "components", $"{r}", "components", $"{b}" };
                Max(errors, [.. at, "label"], button["label"]?.GetValue<string>() ?? string.Empty, 80);
                if (button["type"]?.GetValue<int>() == 2 && button["style"]?.GetValue<int>() == 5 && !IsWellFormedUrl(button["url"]?.GetValue<string>()))
                {
                    Add(errors, [.. at, "url"], "URL_TYPE_INVALID_URL", "Not a well formed URL.");
                }
            }
        }
    }

    private static void CheckAllowedMentions(JsonObject? allowed, JsonObject errors)
    {
        if (allowed is null)
        {
            return;
        }

        var parse = (allowed["parse"] as JsonArray ?? []).Select(p => p?.GetValue<string>()).ToList();
        if (parse.Any(p => p is not ("roles" or "users" or "everyone")))
        {
            Add(errors, ["allowed_mentions", "parse"], "ENUM_TYPE_COERCE", "Value must be one of {'roles', 'users', 'everyone'}.");
        }

        if (allowed["roles"] is JsonArray roles)
        {
            if (parse.Contains("roles"))
            {
                Add(errors, ["allowed_mentions"], "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", "parse:[\"roles\"] and roles: [ids...] are mutually exclusive.");
            }

            if (roles.Any(r => r is not JsonValue v || !v.TryGetValue<string>(out _)))
            {
                Add(errors, ["allowed_mentions", "roles"], "NUMBER_TYPE_COERCE", "Role ids must be snowflakes as strings.");
            }
        }
    }

    private static void CheckOptions(JsonArray? options, string[] at, JsonObject errors)
    {
        if (options is null)
        {
            return;
        }

        if (options.Count > 25)
        {
            Add(errors, at, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        }

        var optionalSeen = false;
        for (var o = 0; o < options.Count; o++)
        {
            var option = options[o] as JsonObject;
            CheckNamed(option, [.. at, $"{o}"], errors);
            var type = option?["type"]?.GetValue<int>() ?? 0;
            if (type is < 1 or > 11)
            {
                Add(errors, [.. at, $"{o}", "type"], "ENUM_TYPE_COERCE", "Value is not a valid enum value.");
            }

            if (type is 1 or 2)
            {
                CheckOptions(option?["options"] as JsonArray, [.. at, $"{o}", "options"], errors);
                continue;
            }

            var required = option?["required"]?.GetValue<bool>() == true;
            if (required && optionalSeen)
            {
                Add(errors, [.. at, $"{o}", "required"], "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options");
            }

            optionalSeen |= !required;
            if (option?["max_length"] is not null && type != 3)
            {
                Add(errors, [.. at, $"{o}", "max_length"], "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "max_length is only allowed on STRING options");
            }
        }
    }

    private static void CheckNamed(JsonObject? node, string[] at, JsonObject errors)
    {
        var name = node?["name"]?.GetValue<string>() ?? string.Empty;
        if (!CommandName().IsMatch(name))
        {
            Add(errors, [.. at, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
        }

        var description = node?["description"]?.GetValue<string>() ?? string.Empty;
        if (description.Length is < 1 or > 100)
        {
            Add(errors, [.. at, "description"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
    }

    private static void Max(JsonObject errors, string[] path, string value, int max)
    {
        if (value.Length > max)
        {
            Add(errors, path, "BASE_TYPE_MAX_LENGTH", $"Must be {max} or fewer in length.");
        }
    }

    /// <summary>Discord's nesting: one object per path segment, `_errors` at the leaf.</summary>
    private static void Add(JsonObject errors, string[] path, string code, string message)
    {
        var node = errors;
        foreach (var segment in path)
        {
            if (node[segment] is not JsonObject next)
            {
                next = new JsonObject();
                node[segment] = next;
            }

            node = next;
        }

        if (node["_errors"] is not JsonArray list)
        {
            list = [];
            node["_errors"] = list;
        }

        list.Add(new JsonObject { ["code"] = code, ["message"] = message });
    }

    [GeneratedRegex(@"^[-_\p{Ll}\p{N}]{1,32}$")]
    private static partial Regex CommandName();

    [GeneratedRegex(@"^(https?|discord)://[A-Za-z0-9\-._~!$&'()*+,;=%]+(:[0-9]+)?([/?#]([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)?$")]
    private static partial Regex WellFormedUrl();
}
