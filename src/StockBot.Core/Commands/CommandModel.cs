using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Core.Commands;

public enum CommandOptionType
{
    String,
    Integer,
    Boolean,
    Channel,
    Role,
}

/// <summary>Options whose values front ends can suggest (Discord autocomplete).</summary>
public enum OptionLookup
{
    None,
    Website,
    Monitor,

    /// <summary>An IANA time zone id (quiet hours).</summary>
    TimeZone,

    /// <summary>A comma list of event kinds (`events`): the list so far, completed with each kind it lacks.</summary>
    EventKinds,
}

public enum CommandAccess
{
    Everyone,

    /// <summary>A chat's own admins, for that chat (subscribe, unsubscribe); bot admins everywhere.</summary>
    ChatAdmin,

    /// <summary>Bot admins only (Telegram:AdminUserIds; on Discord, Manage Server).</summary>
    Admin,
}

/// <param name="CliOnly">Offered on the command line only (a secret that must not be typed into a chat): chat front ends do not list it, and its handler refuses it from chat.</param>
public sealed record CommandOption(
    string Name,
    CommandOptionType Type,
    string Description,
    bool Required = false,
    int? MinValue = null,
    int? MaxValue = null,
    int? MaxLength = null,
    OptionLookup Lookup = OptionLookup.None,
    bool IsSecret = false,
    bool CliOnly = false);

/// <summary>One command of every front end: `/website add`, or `/status` (Name null).</summary>
public sealed record CommandDefinition(string Group, string? Name, string Description, CommandAccess Access, IReadOnlyList<CommandOption> Options)
{
    public string FullName => Name is null ? Group : $"{Group} {Name}";

    public bool CarriesSecret => Options.Any(o => o.IsSecret);

    /// <summary>About the caller themself (`/follow`): offered in private chats and DMs as well as in servers and groups.</summary>
    public bool Personal { get; init; }

    /// <summary>"/monitor add &lt;website&gt; &lt;product&gt; [low] [high]": required options first, in order.</summary>
    public string Usage
    {
        get
        {
            var builder = new StringBuilder("/").Append(FullName);
            foreach (var option in Options.Where(o => !o.CliOnly))
            {
                builder.Append(' ').Append(option.Required ? $"<{option.Name}>" : $"[{option.Name}]");
            }

            return builder.ToString();
        }
    }

    /// <summary>Runs the command on its handler group, resolved from the caller's DI scope.</summary>
    internal Func<IServiceProvider, CommandContext, Task<CommandReply>> Handler { get; init; } = (_, _) => Task.FromResult(CommandReply.Fail("Not implemented."));

    /// <summary>A handler on <typeparamref name="THandlers"/>, which gets its services by constructor.</summary>
    internal static Func<IServiceProvider, CommandContext, Task<CommandReply>> On<THandlers>(Func<THandlers, CommandContext, Task<CommandReply>> handle)
        where THandlers : notnull =>
        (services, context) => handle(services.GetRequiredService<THandlers>(), context);
}

public sealed record CommandCaller(Platform Platform, string UserId, string ChannelId, bool IsPrivate, bool IsAdmin, bool IsChatAdmin, string? DisplayName = null)
{
    /// <summary>The thread inside the channel the command came from (a Telegram forum topic), when the platform has one.</summary>
    public string? Thread { get; init; }
}

/// <summary>A command as a front end received it: raw text values by option name.</summary>
public sealed record CommandRequest(CommandDefinition Command, IReadOnlyDictionary<string, string> Arguments, CommandCaller Caller);

public enum ReplyStatus
{
    Ok,
    Error,
    Refused,
}

public sealed record ReplyButton(string Label, string Url);

/// <summary>A platform-neutral reply in plain text; each front end escapes and styles it.</summary>
public sealed record CommandReply(
    ReplyStatus Status,
    string Title,
    IReadOnlyList<string> Lines,
    IReadOnlyList<ReplyButton> Buttons,
    byte[]? ImagePng = null,
    string? ImageCaption = null)
{
    /// <summary>One line put before the reply (a follow the platform turned off since the caller's last command).</summary>
    public string? Notice { get; init; }

    public static CommandReply Ok(string title, IReadOnlyList<string>? lines = null, IReadOnlyList<ReplyButton>? buttons = null) =>
        new(ReplyStatus.Ok, title, lines ?? [], buttons ?? []);

    public static CommandReply Fail(string message, string? usage = null) =>
        new(ReplyStatus.Error, message, usage is null ? [] : [$"Usage: {usage}"], []);

    public static CommandReply Refuse(string message, string? hint = null) =>
        new(ReplyStatus.Refused, message, hint is null ? [] : [hint], []);
}

public sealed record LookupChoice(string Name, string Value);
