namespace StockBot.Discord.Protocol;

/// <summary>A deferred reply's data: only whether the reply to come is ephemeral.</summary>
public sealed record DeferredReplyData(MessageFlags? Flags);
