using System.Net;
using Microsoft.Extensions.Logging;
using StockBot.Core.Alerts;
using StockBot.Data.Entities;
using StockBot.Discord.Rest;

namespace StockBot.Discord.Alerts;

/// <summary>The `discord` platform's way out: POST /channels/{id}/messages with an embed and a Buy button.</summary>
public sealed partial class DiscordAlertSender(DiscordRestClient rest, ILogger<DiscordAlertSender> logger) : IAlertSender
{
    public Platform Platform => Platform.Discord;

    public async Task<AlertSendResult> SendAsync(Alert alert, AlertTarget target, CancellationToken cancellationToken)
    {
        if (!DiscordOptionsValidator.IsSnowflake(target.ChannelId))
        {
            return AlertSendResult.Gone($"'{target.ChannelId}' is not a Discord channel id");
        }

        var response = await rest.SendJsonAsync(DiscordRoute.CreateMessage(target.ChannelId), DiscordAlertMessage.Build(alert, target.Mention), DiscordJsonContext.Default.MessagePayload, cancellationToken);
        switch (response.StatusCode)
        {
            case >= 200 and < 300:
                return AlertSendResult.Sent(MessageId(response));
            case (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.NotFound:
                LogGone(logger, target.ChannelId, response.StatusCode);
                return AlertSendResult.Gone($"the bot cannot post in channel {target.ChannelId}: {response.Describe()}");
            case (int)HttpStatusCode.TooManyRequests or 0 when response.RetryAfter is { } retryAfter:
                return AlertSendResult.Retry(response.Describe(), retryAfter);
            default:
                // 5xx, network, 401 (a token problem is fixed by a person, alerts wait) and unexpected 400s: keep the alert.
                return AlertSendResult.Retry(response.Describe());
        }
    }

    private static string? MessageId(DiscordResponse response)
    {
        try
        {
            return response.Read(DiscordJsonContext.Default.CreatedMessage)?.Id;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord channel {ChannelId} answered {Status}: the bot lost access there")]
    private static partial void LogGone(ILogger logger, string channelId, int status);
}
