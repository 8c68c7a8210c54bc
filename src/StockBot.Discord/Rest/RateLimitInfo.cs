namespace StockBot.Discord.Rest;

/// <summary>What an answer taught the limiter: a 429's wait and scope, and whether the invalid-request guard paused everything.</summary>
public sealed record RateLimitInfo(TimeSpan RetryAfter, bool Global, string? Scope, TimeSpan? PausedFor = null)
{
    public static readonly RateLimitInfo None = new(TimeSpan.Zero, false, null);
}
