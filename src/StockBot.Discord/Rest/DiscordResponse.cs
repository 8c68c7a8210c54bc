using System.Text.Json.Serialization.Metadata;

namespace StockBot.Discord.Rest;

/// <summary>An answer from Discord, or the reason there was none.</summary>
public sealed record DiscordResponse(int StatusCode, string Body, TimeSpan? RetryAfter = null, bool Global = false, string? Error = null, bool Expired = false)
{
    /// <summary>Not sent: the rate limit (or the invalid-request guard) asks for a longer wait than allowed.</summary>
    public bool NotSent => StatusCode == 0 && RetryAfter is not null;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>Discord's own words: `{"message": "...", "code": N}`, else the status.</summary>
    public string Describe()
    {
        if (Error is not null)
        {
            return Error;
        }

        if (DiscordErrorText.Describe(Body) is { } words)
        {
            return $"Discord answered {StatusCode}: {words}";
        }

        return $"Discord answered {StatusCode}";
    }

    /// <summary>The body as <typeparamref name="T"/>; a JsonException when it is not that.</summary>
    public T? Read<T>(JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(Body, typeInfo);
}
