using System.Net;
using Telegram.Bot.Exceptions;

namespace StockBot.Telegram;

internal enum TelegramFailureKind
{
    /// <summary>Telegram or the network is down or slow, or a 429: try again later.</summary>
    Transient,

    /// <summary>The chat is gone or the bot lost access to it (403, "chat not found"): stop sending there.</summary>
    ChatGone,

    /// <summary>
    /// Telegram refuses this message as it is (too long, bad HTML, a button URL, a closed topic, no right to post
    /// text or photos there): resending it unchanged cannot help, but the chat is still there.
    /// </summary>
    Rejected,

    /// <summary>The group became a supergroup with a new id (400 with parameters.migrate_to_chat_id).</summary>
    Moved,
}

internal sealed record TelegramFailure(TelegramFailureKind Kind, string Reason, TimeSpan? RetryAfter = null, long? MovedTo = null)
{
    /// <summary>Telegram's own description of a refused message ("Bad Request: message is too long"), for the outbox.</summary>
    public string? Description { get; init; }
}

/// <summary>Sorts Telegram.Bot's exceptions as the Bot API documents its answers; reasons never carry a URL or the token.</summary>
internal static class TelegramErrors
{
    /// <summary>400 descriptions that mean the chat itself is unreachable (the others are about the message).</summary>
    private static readonly string[] GoneMarkers =
    [
        "chat not found",
        "group chat was deactivated",
        "channel_private",
        "peer_id_invalid",
        "user not found",
    ];

    public static TelegramFailure Classify(Exception exception)
    {
        switch (exception)
        {
            case ApiRequestException api when api.ErrorCode == 429:
                var after = api.Parameters?.RetryAfter is int seconds ? TimeSpan.FromSeconds(Math.Max(1, seconds)) : (TimeSpan?)null;
                return new TelegramFailure(TelegramFailureKind.Transient, $"Telegram rate limit (429): {Describe(api)}", after);
            case ApiRequestException api when api.ErrorCode == 400 && api.Parameters?.MigrateToChatId is { } moved:
                return new TelegramFailure(TelegramFailureKind.Moved, $"Telegram 400: {Describe(api)}", MovedTo: moved) { Description = Describe(api) };
            case ApiRequestException api when api.ErrorCode == 403:
                // Blocked by the user, kicked from the group, not a member of the channel, user deactivated.
                return new TelegramFailure(TelegramFailureKind.ChatGone, $"Telegram 403: {Describe(api)}");
            case ApiRequestException api when api.ErrorCode == 400 && IsGone(api.Message):
                return new TelegramFailure(TelegramFailureKind.ChatGone, $"Telegram 400: {Describe(api)}");
            case ApiRequestException api when api.ErrorCode == 400:
                return new TelegramFailure(TelegramFailureKind.Rejected, $"Telegram 400: {Describe(api)}") { Description = Describe(api) };
            case ApiRequestException api:
                // 401/404 mean a bad token or server URL (not a lost chat), 5xx an outage: retry, never deactivate.
                return new TelegramFailure(TelegramFailureKind.Transient, $"Telegram {api.ErrorCode}: {Describe(api)}");
            case RequestException request:
                var status = request.HttpStatusCode is { } code ? $"HTTP {(int)code}" : "network error";
                return new TelegramFailure(TelegramFailureKind.Transient, $"Telegram unreachable ({status}{Inner(request)})");
            case HttpRequestException http:
                return new TelegramFailure(TelegramFailureKind.Transient, $"Telegram unreachable ({(http.StatusCode is HttpStatusCode c ? $"HTTP {(int)c}" : "network error")})");
            case TaskCanceledException or TimeoutException:
                return new TelegramFailure(TelegramFailureKind.Transient, "Telegram did not answer in time");
            default:
                return new TelegramFailure(TelegramFailureKind.Transient, $"Telegram request failed ({exception.GetType().Name})");
        }
    }

    public static bool IsGone(string? description) =>
        description is not null && GoneMarkers.Any(m => description.Contains(m, StringComparison.OrdinalIgnoreCase));

    /// <summary>Telegram's own description, short; it never holds the token.</summary>
    private static string Describe(ApiRequestException api) => TelegramHtml.Truncate(api.Message.ReplaceLineEndings(" "), 200);

    private static string Inner(RequestException request) =>
        request.InnerException is { } inner ? $": {inner.GetType().Name}" : string.Empty;
}
