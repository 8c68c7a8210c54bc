namespace StockBot.Discord.Rest;

/// <summary>The rate limit (or the invalid-request pause) asks for a longer wait than Discord:MaxRateLimitWait: nothing was sent.</summary>
public sealed class DiscordRequestHeldBackException(TimeSpan wait)
    : Exception($"Discord rate limit: try again in {wait.TotalSeconds:0.#} s")
{
    public TimeSpan Wait { get; } = wait;
}

/// <summary>The request's deadline (an interaction's 3 s, its token's 15 minutes) passed before it could go: nothing was sent.</summary>
public sealed class DiscordRequestExpiredException()
    : Exception("the interaction's deadline passed before the answer could be sent");
