using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Commands;
using StockBot.Data.Entities;
using StockBot.Discord.Rest;

namespace StockBot.Discord.Interactions;

/// <summary>
/// INTERACTION_CREATE: one DI scope per interaction. Autocomplete answers with choices (type 8); a
/// command is answered within 3 s (type 4), or deferred (type 5) and its reply edited in; a
/// command that carries a secret opens a modal (type 9) and runs on its submit, privately.
/// </summary>
public sealed partial class DiscordInteractionHandler(
    IServiceScopeFactory scopes,
    DiscordRestClient rest,
    CommandCatalog catalog,
    IOptions<DiscordOptions> options,
    ILogger<DiscordInteractionHandler> logger)
{
    public const string ModalPrefix = "stockbot:";
    public const ulong AdministratorPermission = 0x8;
    public const ulong ManageGuildPermission = 0x20;

    private const int Ping = 1;
    private const int ApplicationCommand = 2;
    private const int Autocomplete = 4;
    private const int ModalSubmit = 5;

    private static readonly DiscordChatPlatform Platform = new();

    /// <summary>Commands that read a WHMCS site or draw a chart: deferred at once.</summary>
    private static readonly HashSet<string> SlowCommands = new(StringComparer.Ordinal) { "history", "website test", "website products" };

    public async Task HandleAsync(JsonElement interaction, CancellationToken cancellationToken)
    {
        InteractionContext context;
        try
        {
            context = Parse(interaction);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            LogMalformed(logger, ex, "?");
            return;
        }

        try
        {
            switch (context.Type)
            {
                case ApplicationCommand:
                    await OnCommandAsync(context, interaction.GetProperty("data"), cancellationToken);
                    break;
                case Autocomplete:
                    await OnAutocompleteAsync(context, interaction.GetProperty("data"), cancellationToken);
                    break;
                case ModalSubmit:
                    await OnModalSubmitAsync(context, interaction.GetProperty("data"), cancellationToken);
                    break;
                case Ping:
                    await CallbackAsync(context, new JsonObject { ["type"] = 1 }, null, cancellationToken);
                    break;
                default:
                    // Message components: our only buttons are links, which Discord opens itself.
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            LogMalformed(logger, ex, context.Id);
        }
    }

    internal static CommandCaller Caller(InteractionContext context, bool isPrivate) =>
        new(Platforms.Discord, context.UserId, context.ChannelId, isPrivate, context.IsAdmin, context.IsAdmin, context.DisplayName);

    private async Task OnCommandAsync(InteractionContext context, JsonElement data, CancellationToken cancellationToken)
    {
        var (group, name, options) = Resolve(data);
        var command = catalog.Find(group, name);
        LogCommand(logger, context.Id, name is null ? group : $"{group} {name}", context.UserId);
        if (command is null)
        {
            await ReplyAsync(context, CommandReply.Fail($"Unknown command /{group}{(name is null ? string.Empty : " " + name)}: the command list may be updating, try again in a minute."), true, cancellationToken);
            return;
        }

        if (command.CarriesSecret && (command.Access == CommandAccess.Everyone || context.IsAdmin))
        {
            await CallbackAsync(context, Modal(command), null, cancellationToken);
            return;
        }

        var arguments = Arguments(options);
        await RunAsync(context, new CommandRequest(command, arguments, Caller(context, isPrivate: false)), command.Access != CommandAccess.Everyone, cancellationToken);
    }

    private async Task OnModalSubmitAsync(InteractionContext context, JsonElement data, CancellationToken cancellationToken)
    {
        var customId = data.GetProperty("custom_id").GetString() ?? string.Empty;
        var full = customId.StartsWith(ModalPrefix, StringComparison.Ordinal) ? customId[ModalPrefix.Length..] : customId;
        var parts = full.Split(' ', 2);
        var command = catalog.Find(parts[0], parts.Length > 1 ? parts[1] : null);
        LogCommand(logger, context.Id, $"{full} (modal)", context.UserId);
        if (command is null)
        {
            await ReplyAsync(context, CommandReply.Fail("This form is out of date; run the command again."), true, cancellationToken);
            return;
        }

        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in data.GetProperty("components").EnumerateArray())
        {
            var inputs = row.TryGetProperty("components", out var list) ? list.EnumerateArray().ToList() : [row];
            foreach (var input in inputs)
            {
                if (input.TryGetProperty("custom_id", out var id) && input.TryGetProperty("value", out var value)
                    && value.GetString() is { Length: > 0 } text)
                {
                    arguments[id.GetString()!] = text;
                }
            }
        }

        // The secret went through a modal, seen by nobody but the sender: a private context.
        await RunAsync(context, new CommandRequest(command, arguments, Caller(context, isPrivate: true)), ephemeral: true, cancellationToken);
    }

    private async Task OnAutocompleteAsync(InteractionContext context, JsonElement data, CancellationToken cancellationToken)
    {
        var (group, name, options) = Resolve(data);
        var command = catalog.Find(group, name);
        var focused = options.FirstOrDefault(o => o.TryGetProperty("focused", out var f) && f.ValueKind == JsonValueKind.True);
        var choices = new JsonArray();
        if (command is not null && focused.ValueKind == JsonValueKind.Object)
        {
            var optionName = focused.GetProperty("name").GetString();
            var option = command.Options.FirstOrDefault(o => o.Name.Equals(optionName, StringComparison.OrdinalIgnoreCase));
            if (option is { Lookup: not OptionLookup.None })
            {
                var partial = focused.TryGetProperty("value", out var v) ? Text(v) : string.Empty;
                await using var scope = scopes.CreateAsyncScope();
                var suggestions = await scope.ServiceProvider.GetRequiredService<CommandLookups>().SuggestAsync(option.Lookup, partial, Platform, cancellationToken);
                foreach (var choice in suggestions.Take(25))
                {
                    JsonNode value = option.Type == CommandOptionType.Integer && long.TryParse(choice.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                        ? JsonValue.Create(number)
                        : JsonValue.Create(choice.Value);
                    choices.Add(new JsonObject { ["name"] = DiscordText.Truncate(choice.Name, DiscordText.ChoiceNameLimit), ["value"] = value });
                }
            }
        }

        await CallbackAsync(context, new JsonObject { ["type"] = 8, ["data"] = new JsonObject { ["choices"] = choices } }, null, cancellationToken);
    }

    /// <summary>Runs the command in its own scope; answers in time, deferring when the work takes longer.</summary>
    private async Task RunAsync(InteractionContext context, CommandRequest request, bool ephemeral, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var executor = scope.ServiceProvider.GetRequiredService<CommandExecutor>();
        var work = executor.ExecuteAsync(request, cancellationToken);
        var deferred = false;
        if (SlowCommands.Contains(request.Command.FullName)
            || await Task.WhenAny(work, Task.Delay(options.Value.DeferAfter, cancellationToken)) != work)
        {
            deferred = true;
            var data = ephemeral ? new JsonObject { ["flags"] = DiscordReplyMessage.EphemeralFlag } : new JsonObject();
            await CallbackAsync(context, new JsonObject { ["type"] = 5, ["data"] = data }, null, cancellationToken);
        }

        var reply = await work;
        if (deferred)
        {
            var route = DiscordRoute.EditOriginalResponse(context.ApplicationId, context.Token);
            var body = DiscordReplyMessage.Build(reply, ephemeral, forEdit: true);
            var response = reply.ImagePng is { } png
                ? await rest.SendMultipartAsync(route, body, png, DiscordReplyMessage.ChartFileName, cancellationToken)
                : await rest.SendJsonAsync(route, body, cancellationToken);
            if (!response.IsSuccess)
            {
                LogAnswerFailed(logger, context.Id, response.Describe());
            }

            return;
        }

        await ReplyAsync(context, reply, ephemeral || reply.Status != ReplyStatus.Ok, cancellationToken);
    }

    private Task ReplyAsync(InteractionContext context, CommandReply reply, bool ephemeral, CancellationToken cancellationToken) =>
        CallbackAsync(context, new JsonObject { ["type"] = 4, ["data"] = DiscordReplyMessage.Build(reply, ephemeral) }, reply.ImagePng, cancellationToken);

    private async Task CallbackAsync(InteractionContext context, JsonObject body, byte[]? png, CancellationToken cancellationToken)
    {
        var route = DiscordRoute.InteractionCallback(context.Id, context.Token);
        var response = png is null
            ? await rest.SendJsonAsync(route, body, cancellationToken)
            : await rest.SendMultipartAsync(route, body, png, DiscordReplyMessage.ChartFileName, cancellationToken);
        if (!response.IsSuccess)
        {
            LogAnswerFailed(logger, context.Id, response.Describe());
        }
    }

    internal static JsonObject Modal(CommandDefinition command)
    {
        var rows = new JsonArray();
        foreach (var option in command.Options.Take(5))
        {
            var input = new JsonObject
            {
                ["type"] = 4,
                ["custom_id"] = option.Name,
                ["label"] = DiscordText.Truncate(Label(option), 45),
                ["style"] = 1,
                ["required"] = option.Required,
                ["max_length"] = Math.Clamp(option.MaxLength ?? 4000, 1, 4000),
            };
            if (option.Description.Length <= 100)
            {
                input["placeholder"] = option.Description;
            }

            rows.Add(new JsonObject { ["type"] = 1, ["components"] = new JsonArray(input) });
        }

        return new JsonObject
        {
            ["type"] = 9,
            ["data"] = new JsonObject
            {
                ["custom_id"] = ModalPrefix + command.FullName,
                ["title"] = DiscordText.Truncate($"/{command.FullName}", 45),
                ["components"] = rows,
            },
        };
    }

    private static string Label(CommandOption option)
    {
        var words = option.Name.Replace('_', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static (string Group, string? Name, List<JsonElement> Options) Resolve(JsonElement data)
    {
        var group = data.GetProperty("name").GetString() ?? string.Empty;
        var options = data.TryGetProperty("options", out var list) ? list.EnumerateArray().ToList() : [];
        if (options.Count == 1 && options[0].GetProperty("type").GetInt32() == 1)
        {
            var sub = options[0];
            return (group, sub.GetProperty("name").GetString(), sub.TryGetProperty("options", out var nested) ? nested.EnumerateArray().ToList() : []);
        }

        return (group, null, options);
    }

    private static Dictionary<string, string> Arguments(IEnumerable<JsonElement> options)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (option.TryGetProperty("value", out var value))
            {
                arguments[option.GetProperty("name").GetString()!] = Text(value);
            }
        }

        return arguments;
    }

    /// <summary>Discord's typed values as invariant text: strings as they are, numbers raw, booleans true/false.</summary>
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => string.Empty,
    };

    internal static InteractionContext Parse(JsonElement interaction)
    {
        var member = interaction.TryGetProperty("member", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var user = member.ValueKind == JsonValueKind.Object && member.TryGetProperty("user", out var mu) ? mu
            : interaction.TryGetProperty("user", out var u) ? u : default;
        var permissions = member.ValueKind == JsonValueKind.Object && member.TryGetProperty("permissions", out var p)
            && ulong.TryParse(p.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : 0UL;
        var channelId = interaction.TryGetProperty("channel_id", out var c) ? c.GetString()
            : interaction.TryGetProperty("channel", out var channel) ? channel.GetProperty("id").GetString() : null;
        string? display = null;
        if (member.ValueKind == JsonValueKind.Object && member.TryGetProperty("nick", out var nick) && nick.ValueKind == JsonValueKind.String)
        {
            display = nick.GetString();
        }
        else if (user.ValueKind == JsonValueKind.Object)
        {
            display = user.TryGetProperty("global_name", out var global) && global.ValueKind == JsonValueKind.String ? global.GetString()
                : user.TryGetProperty("username", out var username) ? username.GetString() : null;
        }

        return new InteractionContext(
            interaction.GetProperty("id").GetString()!,
            interaction.GetProperty("token").GetString()!,
            interaction.GetProperty("type").GetInt32(),
            interaction.TryGetProperty("application_id", out var app) ? app.GetString() ?? string.Empty : string.Empty,
            channelId ?? string.Empty,
            user.ValueKind == JsonValueKind.Object ? user.GetProperty("id").GetString() ?? string.Empty : string.Empty,
            (permissions & (AdministratorPermission | ManageGuildPermission)) != 0,
            display);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord interaction {InteractionId}: /{Command} from user {UserId}")]
    private static partial void LogCommand(ILogger logger, string interactionId, string command, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering Discord interaction {InteractionId} failed: {Error}")]
    private static partial void LogAnswerFailed(ILogger logger, string interactionId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord interaction {InteractionId} could not be read")]
    private static partial void LogMalformed(ILogger logger, Exception exception, string interactionId);
}

/// <summary>What every interaction carries. The token is a credential for 15 minutes: never log it.</summary>
public sealed record InteractionContext(string Id, string Token, int Type, string ApplicationId, string ChannelId, string UserId, bool IsAdmin, string? DisplayName)
{
    public override string ToString() => $"interaction {Id}";
}
