namespace StockBot.Discord.Protocol;

/// <summary>Names files[id] of a multipart message.</summary>
public sealed record AttachmentReference(int Id, string Filename);
