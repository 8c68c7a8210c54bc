namespace StockBot.Discord.Protocol;

/// <summary>Discord's error answer: `{"message": "...", "code": N}`.</summary>
public sealed record ErrorBody(string? Message, int? Code);
