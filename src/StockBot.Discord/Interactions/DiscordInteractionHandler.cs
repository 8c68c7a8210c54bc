using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
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
/// Management commands run only in the management guilds (Discord:GuildId, Discord:ManagementGuildIds).
/// No answer goes out after its deadline (3 s for the callback, 15 minutes for the token): it is dropped and logged.
/// </summary>
public sealed partial class DiscordInteractionHandler(
    IServiceScopeFactory scopes,
    DiscordRestClient rest,
    CommandCatalog catalog,
    IEnumerable<IChatPlatform> platforms,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordInteractionHandler> logger)
{
    /// <summary>A command still running this close to the callback deadline is deferred, whatever Discord:DeferAfter says.</summary>
    private static readonly TimeSpan DeferMargin = TimeSpan.FromMilliseconds(500);

    private readonly DiscordOptions settings = options.Value;

    private readonly HashSet<string> managementGuilds = new(options.Value.ManagementGuilds, StringComparer.Ordinal);

    // The profile AddDiscordChatPlatform registered: Core limits and clips the suggestions by it.
    private readonly IChatPlatform chatPlatform = platforms.Single(p => p.Platform == Platform.Discord);

    /// <summary>Commands that read a WHMCS site or draw a chart: deferred at once.</summary>
    private static readonly HashSet<string> SlowCommands = new(StringComparer.Ordinal) { "history", "website test", "website products" };


    /// <summary>One interaction; <paramref name="receivedAt"/> is when the gateway frame arrived (the deadlines run from it or from the id's own time, whichever is older).</summary>
    public async Task HandleAsync(JsonElement payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        Interaction interaction;
        InteractionContext context;
        try
        {
            interaction = payload.Deserialize(DiscordJsonContext.Default.Interaction) ?? throw new JsonException("The interaction is null.");
            context = InteractionContext.From(interaction, receivedAt);
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
                case InteractionType.ApplicationCommand:
                    await OnCommandAsync(context, DataOf(interaction), cancellationToken);
                    break;
                case InteractionType.ApplicationCommandAutocomplete:
                    await OnAutocompleteAsync(context, DataOf(interaction), cancellationToken);
                    break;
                case InteractionType.ModalSubmit:
                    await OnModalSubmitAsync(context, DataOf(interaction), cancellationToken);
                    break;
                case InteractionType.Ping:
                    await CallbackAsync(context, new InteractionCallback<MessagePayload>(InteractionCallbackType.Pong), DiscordJsonContext.Default.InteractionCallbackMessagePayload, cancellationToken);
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
        new(Platform.Discord, context.UserId, context.ChannelId, isPrivate, context.IsAdmin, context.IsAdmin, context.DisplayName);

    private async Task OnCommandAsync(InteractionContext context, InteractionData data, CancellationToken cancellationToken)
    {
        var (group, name, options) = Resolve(data);
        var command = catalog.Find(group, name);
        LogCommand(logger, context.Id, name is null ? group : $"{group} {name}", context.UserId);
        if (command is null)
        {
            await ReplyAsync(context, CommandReply.Fail($"Unknown command /{group}{(name is null ? string.Empty : " " + name)}: the command list may be updating, try again in a minute."), true, cancellationToken);
            return;
        }

        if (!MayRun(context, command))
        {
            LogManagementRefused(logger, context.Id, command.FullName, context.GuildId ?? "a DM");
            await ReplyAsync(context, CommandReply.Refuse(settings.ManagementRefusal), true, cancellationToken);
            return;
        }

        if (command.CarriesSecret && (command.Access == CommandAccess.Everyone || context.IsAdmin))
        {
            await CallbackAsync(context, new InteractionCallback<ModalData>(InteractionCallbackType.Modal, CommandModal.Build(command)), DiscordJsonContext.Default.InteractionCallbackModalData, cancellationToken);
            return;
        }

        var arguments = Arguments(options);
        IReadOnlyList<string> warnings = [];
        if (command.Group == SubscriptionHandlers.Subscribe && command.Access != CommandAccess.Everyone && context.IsAdmin)
        {
            var check = SubscribeCheck.Check(context, arguments.GetValueOrDefault("chat"), arguments.GetValueOrDefault("mention"), data.Resolved);
            if (check.Refusal is { } refusal)
            {
                await ReplyAsync(context, CommandReply.Refuse(refusal), true, cancellationToken);
                return;
            }

            warnings = check.Warnings;
        }

        // A DM is private; a personal command's answer in a server is for the caller alone (ephemeral).
        await RunAsync(context, new CommandRequest(command, arguments, Caller(context, isPrivate: context.GuildId is null)), command.Access != CommandAccess.Everyone || command.Personal, warnings, cancellationToken);
    }

    /// <summary>Everyone's commands run anywhere; management commands only in a management guild.</summary>
    private bool MayRun(InteractionContext context, CommandDefinition command) =>
        command.Access == CommandAccess.Everyone || (context.GuildId is { } guild && managementGuilds.Contains(guild));

    private async Task OnModalSubmitAsync(InteractionContext context, InteractionData data, CancellationToken cancellationToken)
    {
        var customId = data.CustomId ?? throw new KeyNotFoundException("The modal submit has no custom_id.");
        var full = customId.StartsWith(CommandModal.Prefix, StringComparison.Ordinal) ? customId[CommandModal.Prefix.Length..] : customId;
        var parts = full.Split(' ', 2);
        var command = catalog.Find(parts[0], parts.Length > 1 ? parts[1] : null);
        LogCommand(logger, context.Id, $"{full} (modal)", context.UserId);
        if (command is null)
        {
            await ReplyAsync(context, CommandReply.Fail("This form is out of date; run the command again."), true, cancellationToken);
            return;
        }

        if (!MayRun(context, command))
        {
            LogManagementRefused(logger, context.Id, command.FullName, context.GuildId ?? "a DM");
            await ReplyAsync(context, CommandReply.Refuse(settings.ManagementRefusal), true, cancellationToken);
            return;
        }

        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in data.Components ?? throw new KeyNotFoundException("The modal submit has no components."))
        {
            foreach (var input in row.Components ?? [row])
            {
                if (input is { CustomId: { } id, Value: { Length: > 0 } text })
                {
                    arguments[id] = text;
                }
            }
        }

        // The secret went through a modal, seen by nobody but the sender: a private context.
        await RunAsync(context, new CommandRequest(command, arguments, Caller(context, isPrivate: true)), ephemeral: true, [], cancellationToken);
    }

    private async Task OnAutocompleteAsync(InteractionContext context, InteractionData data, CancellationToken cancellationToken)
    {
        var (group, name, options) = Resolve(data);
        var command = catalog.Find(group, name);
        var focused = options.FirstOrDefault(o => o.Focused == true);
        var choices = new List<CommandChoice>();
        // Outside a management guild a management command suggests nothing: the names of websites and monitors stay private.
        if (command is not null && focused is not null && MayRun(context, command))
        {
            var optionName = focused.Name;
            var option = command.Options.FirstOrDefault(o => o.Name.Equals(optionName, StringComparison.OrdinalIgnoreCase));
            if (option is { Lookup: not OptionLookup.None })
            {
                var partial = focused.Value is { } v ? Text(v) : string.Empty;
                await using var scope = scopes.CreateAsyncScope();
                var suggestions = await scope.ServiceProvider.GetRequiredService<CommandLookups>().SuggestAsync(option.Lookup, partial, chatPlatform, cancellationToken);
                foreach (var choice in suggestions)
                {
                    JsonNode value = option.Type == CommandOptionType.Integer && long.TryParse(choice.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                        ? JsonValue.Create(number)
                        : JsonValue.Create(choice.Value);
                    choices.Add(new CommandChoice(choice.Name, value));
                }
            }
        }

        var result = new InteractionCallback<AutocompleteResult>(InteractionCallbackType.ApplicationCommandAutocompleteResult, new AutocompleteResult(choices));
        await CallbackAsync(context, result, DiscordJsonContext.Default.InteractionCallbackAutocompleteResult, cancellationToken);
    }

    /// <summary>Runs the command in its own scope; answers in time, deferring when the work takes longer.</summary>
    private async Task RunAsync(InteractionContext context, CommandRequest request, bool ephemeral, IReadOnlyList<string> warnings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var executor = scope.ServiceProvider.GetRequiredService<CommandExecutor>();
        var work = executor.ExecuteAsync(request, cancellationToken);
        var deferred = false;
        var deferAfter = context.CallbackDeadline - DeferMargin - time.GetUtcNow();
        deferAfter = deferAfter < settings.DeferAfter ? deferAfter : settings.DeferAfter;
        if (SlowCommands.Contains(request.Command.FullName)
            || deferAfter <= TimeSpan.Zero
            || await Task.WhenAny(work, Task.Delay(deferAfter, time, cancellationToken)) != work)
        {
            deferred = true;
            var data = new DeferredReplyData(ephemeral ? MessageFlags.Ephemeral : null);
            await CallbackAsync(context, new InteractionCallback<DeferredReplyData>(InteractionCallbackType.DeferredChannelMessageWithSource, data), DiscordJsonContext.Default.InteractionCallbackDeferredReplyData, cancellationToken);
        }

        var reply = SubscribeCheck.WithWarnings(await work, warnings);
        if (deferred)
        {
            var route = DiscordRoute.EditOriginalResponse(context.ApplicationId, context.Token, context.TokenExpiresAt);
            var body = DiscordReplyMessage.Build(reply, ephemeral, forEdit: true);
            var response = reply.ImagePng is { } png
                ? await rest.SendMultipartAsync(route, body, DiscordJsonContext.Default.MessagePayload, png, DiscordReplyMessage.ChartFileName, cancellationToken)
                : await rest.SendJsonAsync(route, body, DiscordJsonContext.Default.MessagePayload, cancellationToken);
            Report(context, response);
            return;
        }

        await ReplyAsync(context, reply, ephemeral || reply.Status != ReplyStatus.Ok, cancellationToken);
    }

    private async Task ReplyAsync(InteractionContext context, CommandReply reply, bool ephemeral, CancellationToken cancellationToken)
    {
        var body = new InteractionCallback<MessagePayload>(InteractionCallbackType.ChannelMessageWithSource, DiscordReplyMessage.Build(reply, ephemeral));
        var typeInfo = DiscordJsonContext.Default.InteractionCallbackMessagePayload;
        var route = DiscordRoute.InteractionCallback(context.Id, context.Token, context.CallbackDeadline);
        var response = reply.ImagePng is { } png
            ? await rest.SendMultipartAsync(route, body, typeInfo, png, DiscordReplyMessage.ChartFileName, cancellationToken)
            : await rest.SendJsonAsync(route, body, typeInfo, cancellationToken);
        Report(context, response);
    }

    private async Task CallbackAsync<T>(InteractionContext context, InteractionCallback<T> body, JsonTypeInfo<InteractionCallback<T>> typeInfo, CancellationToken cancellationToken)
    {
        var response = await rest.SendJsonAsync(DiscordRoute.InteractionCallback(context.Id, context.Token, context.CallbackDeadline), body, typeInfo, cancellationToken);
        Report(context, response);
    }

    private void Report(InteractionContext context, DiscordResponse response)
    {
        if (response.Expired)
        {
            LogDropped(logger, context.Id, time.GetUtcNow() - context.CreatedAt);
        }
        else if (!response.IsSuccess)
        {
            LogAnswerFailed(logger, context.Id, response.Describe());
        }
    }

    private static InteractionData DataOf(Interaction interaction) =>
        interaction.Data ?? throw new KeyNotFoundException("The interaction has no data.");

    private static (string Group, string? Name, IReadOnlyList<InteractionOption> Options) Resolve(InteractionData data)
    {
        var group = data.Name ?? string.Empty;
        var options = data.Options ?? [];
        if (options is [{ Type: ApplicationCommandOptionType.SubCommand } sub])
        {
            return (group, sub.Name, sub.Options ?? []);
        }

        return (group, null, options);
    }

    private static Dictionary<string, string> Arguments(IEnumerable<InteractionOption> options)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (option.Value is { } value)
            {
                arguments[option.Name ?? throw new KeyNotFoundException("An option has no name.")] = Text(value);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord interaction {InteractionId}: /{Command} from user {UserId}")]
    private static partial void LogCommand(ILogger logger, string interactionId, string command, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering Discord interaction {InteractionId} failed: {Error}")]
    private static partial void LogAnswerFailed(ILogger logger, string interactionId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord interaction {InteractionId}: answer dropped, {Age} after the interaction was created is past Discord's deadline")]
    private static partial void LogDropped(ILogger logger, string interactionId, TimeSpan age);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord interaction {InteractionId}: /{Command} refused in {Guild}, which is not a management guild")]
    private static partial void LogManagementRefused(ILogger logger, string interactionId, string command, string guild);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord interaction {InteractionId} could not be read")]
    private static partial void LogMalformed(ILogger logger, Exception exception, string interactionId);
}
