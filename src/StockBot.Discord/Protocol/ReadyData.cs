namespace StockBot.Discord.Protocol;

/// <summary>The READY dispatch: what a later Resume needs, and who we are.</summary>
public sealed record ReadyData(string? SessionId, string? ResumeGatewayUrl, PartialApplication? Application, DiscordUser? User);

public sealed record PartialApplication(string? Id);
