using System.Net;
using Microsoft.Extensions.Logging;
using StockBot.Core.Alerts;
using StockBot.Data.Entities;
using StockBot.Discord.Rest;

namespace StockBot.Discord.Alerts;

/// <summary>
/// The `discord` platform's way out: POST /channels/{id}/messages with an embed and a Buy button (or
/// the plain form). Outcomes: 2xx sent; 400/413 rejected (this message, with Discord's words); 403/404
/// channel gone; 429 and a held-back request retry after retry_after; 5xx, 401, network, timeout retry.
/// </summary>
public sealed partial class DiscordAlertSender(DiscordRestClient rest, ILogger<DiscordAlertSender> logger) : IAlertSender
{
    public Platform Platform => Platform.Discord;

    public async Task<AlertSendResult> SendAsync(Alert alert, AlertTarget target, CancellationToken cancellationToken)
    {
        if (!DiscordOptionsValidator.IsSnowflake(target.ChannelId))
        {
            return AlertSendResult.Gone($"'{target.ChannelId}' is not a Discord channel id");
        }

        return await PostAsync(DiscordAlertMessage.Build(alert, target.Mention, target.Form, target.Template), target, cancellationToken);
    }

    public bool SendsDigests => true;

    public async Task<AlertSendResult> SendDigestAsync(Digest digest, AlertTarget target, CancellationToken cancellationToken) =>
        DiscordOptionsValidator.IsSnowflake(target.ChannelId)
            ? await PostAsync(DiscordDigest.Build(digest, target.Mention, target.Form), target, cancellationToken)
            : AlertSendResult.Gone($"'{target.ChannelId}' is not a Discord channel id");

    private async Task<AlertSendResult> PostAsync(MessagePayload body, AlertTarget target, CancellationToken cancellationToken)
    {
        var response = await rest.SendJsonAsync(DiscordRoute.CreateMessage(target.ChannelId), body, DiscordJsonContext.Default.MessagePayload, cancellationToken);
        switch (response.StatusCode)
        {
            case >= 200 and < 300:
                return AlertSendResult.Sent(MessageId(response));
            case (int)HttpStatusCode.BadRequest or (int)HttpStatusCode.RequestEntityTooLarge:
                // The message itself is wrong (50035 invalid form body, 50006 empty message, 50109 invalid JSON...):
                // the same body would be refused again. The dispatcher tries the plain form once, then gives up on this alert only.
                LogRejected(logger, target.ChannelId, target.Form, response.Describe());
                return AlertSendResult.Rejected(response.Describe());
            case (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.NotFound:
                // 50001 Missing Access, 50013 Missing Permissions, 10003 Unknown Channel.
                LogGone(logger, target.ChannelId, response.StatusCode);
                return AlertSendResult.Gone($"the bot cannot post in channel {target.ChannelId}: {response.Describe()}");
            case (int)HttpStatusCode.TooManyRequests or 0 when response.RetryAfter is { } retryAfter:
                return AlertSendResult.Retry(response.Describe(), retryAfter);
            default:
                // 5xx, network, timeouts, 401 (a token problem is fixed by a person, alerts wait): keep the alert.
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord refused the {Form} alert message for channel {ChannelId}: {Error}")]
    private static partial void LogRejected(ILogger logger, string channelId, AlertForm form, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord channel {ChannelId} answered {Status}: the bot lost access there")]
    private static partial void LogGone(ILogger logger, string channelId, int status);
}
