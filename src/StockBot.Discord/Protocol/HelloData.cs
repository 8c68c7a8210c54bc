namespace StockBot.Discord.Protocol;

/// <summary>Op 10: the heartbeat interval in milliseconds.</summary>
public sealed record HelloData(double HeartbeatInterval);
