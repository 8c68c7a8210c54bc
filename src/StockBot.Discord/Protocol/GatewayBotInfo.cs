namespace StockBot.Discord.Protocol;

/// <summary>The answer of GET /gateway/bot.</summary>
public sealed record GatewayBotInfo(string? Url, int Shards, SessionStartLimit? SessionStartLimit);

public sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);
