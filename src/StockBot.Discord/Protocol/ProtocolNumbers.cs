// Every number Discord's API speaks in, named once, grouped as Discord's documentation groups them.
namespace StockBot.Discord.Protocol;

// Gateway: opcodes, close codes and intents (docs: Topics > Opcodes and Status Codes, Gateway > Gateway Intents).
/// <summary>Gateway opcodes (v10) that StockBot sends or handles.</summary>
public enum GatewayOpcode
{
    Dispatch = 0,

    /// <summary>Sent on the interval; also asked for by the server, then answered at once.</summary>
    Heartbeat = 1,
    Identify = 2,
    Resume = 6,
    Reconnect = 7,

    /// <summary>d = whether the session can still be resumed.</summary>
    InvalidSession = 9,
    Hello = 10,
    HeartbeatAck = 11,
}

/// <summary>Close codes of the gateway: Discord's 4000-4014 and the WebSocket codes we send or read.</summary>
public enum GatewayCloseCode
{
    /// <summary>Ends the session: Discord forgets it, so it cannot be resumed.</summary>
    NormalClosure = 1000,
    GoingAway = 1001,

    /// <summary>The socket closed without a status.</summary>
    NoStatus = 1005,

    /// <summary>Discord's "unknown error"; we close with it too, since any code but 1000/1001 keeps the session resumable.</summary>
    UnknownError = 4000,
    UnknownOpcode = 4001,
    DecodeError = 4002,
    NotAuthenticated = 4003,
    AuthenticationFailed = 4004,
    AlreadyAuthenticated = 4005,
    InvalidSequence = 4007,
    RateLimited = 4008,
    SessionTimedOut = 4009,
    InvalidShard = 4010,
    ShardingRequired = 4011,
    InvalidApiVersion = 4012,
    InvalidIntents = 4013,
    DisallowedIntents = 4014,
}

/// <summary>Gateway intents. INTERACTION_CREATE comes without any, so StockBot asks for none.</summary>
[Flags]
public enum GatewayIntents
{
    None = 0,
}

// Interactions: what arrives and how it is answered (docs: Interactions > Receiving and Responding, Application Commands).
public enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
    ModalSubmit = 5,
}

public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,

    /// <summary>"Thinking…"; the reply is edited into @original later (within 15 minutes).</summary>
    DeferredChannelMessageWithSource = 5,
    ApplicationCommandAutocompleteResult = 8,
    Modal = 9,
}

public enum ApplicationCommandType
{
    /// <summary>A slash command.</summary>
    ChatInput = 1,
}

/// <summary>Where a global command can be used (a command's contexts).</summary>
public enum InteractionContextType
{
    Guild = 0,
    BotDm = 1,
    PrivateChannel = 2,
}

/// <summary>How the app must be installed for a global command to show (a command's integration_types).</summary>
public enum ApplicationIntegrationType
{
    GuildInstall = 0,
    UserInstall = 1,
}

public enum ApplicationCommandOptionType
{
    SubCommand = 1,
    SubCommandGroup = 2,
    String = 3,
    Integer = 4,
    Boolean = 5,
    User = 6,
    Channel = 7,
    Role = 8,
    Mentionable = 9,
    Number = 10,
}

// Message components (docs: Interactions > Message Components).
public enum ComponentType
{
    ActionRow = 1,
    Button = 2,
    TextInput = 4,
}

public enum ButtonStyle
{
    /// <summary>Opens its URL; Discord handles the click, no interaction reaches the bot.</summary>
    Link = 5,
}

public enum TextInputStyle
{
    Short = 1,
}

// Channels and messages (docs: Resources > Channel, Message).
public enum ChannelType
{
    GuildText = 0,
    GuildAnnouncement = 5,
}

[Flags]
public enum MessageFlags
{
    None = 0,

    /// <summary>Only the user who invoked the interaction sees the message.</summary>
    Ephemeral = 1 << 6,
}
