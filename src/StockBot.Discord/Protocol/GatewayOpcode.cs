namespace StockBot.Discord.Protocol;

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
