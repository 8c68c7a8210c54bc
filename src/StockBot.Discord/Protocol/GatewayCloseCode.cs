namespace StockBot.Discord.Protocol;

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
