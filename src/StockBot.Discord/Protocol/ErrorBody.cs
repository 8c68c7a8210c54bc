namespace StockBot.Discord.Protocol;

/// <summary>
/// Discord's error answer: `{"message": "...", "code": N}`; a 50035 "Invalid Form Body" adds `errors`,
/// nested by field path down to `{"_errors": [{"code": "...", "message": "..."}]}`.
/// </summary>
public sealed record ErrorBody(string? Message, int? Code, JsonElement? Errors = null);
