namespace StockBot.Discord.Protocol;

/// <summary>A 429's body: retry_after in seconds (a fraction), and whether the limit is the global one.</summary>
public sealed record RateLimitedBody(double? RetryAfter, bool? Global, string? Message);
