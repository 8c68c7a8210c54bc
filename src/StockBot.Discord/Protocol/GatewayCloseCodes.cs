namespace StockBot.Discord.Protocol;

/// <summary>What a close code from Discord asks of the client.</summary>
public static class GatewayCloseCodes
{
    /// <summary>Reconnecting cannot help: a person has to fix the token, the intents or the version.</summary>
    public static bool IsFatal(int code) => (GatewayCloseCode)code is GatewayCloseCode.AuthenticationFailed
        or GatewayCloseCode.InvalidShard
        or GatewayCloseCode.ShardingRequired
        or GatewayCloseCode.InvalidApiVersion
        or GatewayCloseCode.InvalidIntents
        or GatewayCloseCode.DisallowedIntents;

    /// <summary>The session is gone: reconnect and Identify anew instead of resuming.</summary>
    public static bool NeedsNewSession(int code) => (GatewayCloseCode)code is GatewayCloseCode.InvalidSequence or GatewayCloseCode.SessionTimedOut;

    public static string Describe(int code) => (GatewayCloseCode)code switch
    {
        GatewayCloseCode.AuthenticationFailed => "Discord rejected the bot token (close 4004 Authentication failed): check Discord:Token",
        GatewayCloseCode.InvalidShard => "Discord refused the shard (close 4010 Invalid shard)",
        GatewayCloseCode.ShardingRequired => "Discord requires sharding for this bot (close 4011 Sharding required)",
        GatewayCloseCode.InvalidApiVersion => "Discord refused the API version (close 4012 Invalid API version)",
        GatewayCloseCode.InvalidIntents => "Discord refused the intents (close 4013 Invalid intents)",
        GatewayCloseCode.DisallowedIntents => "Discord refused a privileged intent (close 4014 Disallowed intents)",
        _ => $"Discord closed the gateway with {code}",
    };
}
