namespace StockBot.Discord.Protocol;

/// <summary>POST /users/@me/channels: opens (or finds) the DM channel with a user; the answer is the channel.</summary>
public sealed record DmChannelRequest(string RecipientId);
