using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using StockBot.Core.Alerts;
using StockBot.Data.Entities;
using StockBot.Discord.Rest;

namespace StockBot.Discord.Webhooks;

/// <summary>
/// The `discord` platform's way out through a channel webhook, without the bot: execute webhook
/// (POST {Discord:ApiBaseUrl}/webhooks/{id}/{token}?wait=true) with the bot's alert message. Its requests pace
/// through their own rate limiter, one bucket per webhook. Logs name the webhook id, never its URL: the token is in it.
/// </summary>
public sealed partial class DiscordWebhookSender(IHttpClientFactory httpClients, ILogger<DiscordWebhookSender> logger) : IAlertSender
{
    public const string HttpClientName = "StockBot.Discord.Webhooks";

    /// <summary>The route template of execute webhook: what buckets and logs see.</summary>
    public const string ExecuteTemplate = "/webhooks/{webhook.id}/{webhook.token}";

    // wait=true: Discord answers with the message (its id) and reports errors instead of dropping them.
    // with_components=true: a webhook that no application owns sends link buttons only when asked to.
    private const string ExecuteQuery = "?wait=true&with_components=true";

    public Platform Platform => Platform.Discord;

    public bool SendsToWebhooks => true;

    public async Task<AlertSendResult> SendAsync(Alert alert, AlertTarget target, CancellationToken cancellationToken)
    {
        if (DiscordWebhookUrl.TryParse(target.WebhookUrl) is not { } webhook)
        {
            return AlertSendResult.Gone("the subscription's webhook URL is not a Discord webhook URL any more; add the webhook again");
        }

        var response = await ExecuteAsync(webhook, DiscordWebhookMessage.Build(alert, target), cancellationToken);
        switch (response.StatusCode)
        {
            case >= 200 and < 300:
                return AlertSendResult.Sent(MessageId(response));
            case (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.NotFound:
                // 404 10015 Unknown Webhook: deleted. 401 50027 Invalid Webhook Token: the token no longer matches.
                LogGone(logger, webhook.Id, response.StatusCode);
                return AlertSendResult.Gone($"webhook {webhook.Id} cannot be used any more: {response.Describe()}");
            case (int)HttpStatusCode.TooManyRequests or 0 when response.RetryAfter is { } retryAfter:
                return AlertSendResult.Retry(response.Describe(), retryAfter);
            case >= 400 and < 500:
                // 400 50035 Invalid Form Body and the like: this message is wrong, the webhook is fine.
                return AlertSendResult.Rejected(response.Describe());
            default:
                // 5xx, a timeout, the network.
                return AlertSendResult.Retry(response.Describe());
        }
    }

    private async Task<DiscordResponse> ExecuteAsync(DiscordWebhookUrl webhook, MessagePayload payload, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(HttpMethod.Post, ExecuteTemplate, webhook.Id, webhook.ExecutePath + ExecuteQuery);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(payload, DiscordJsonContext.Default.MessagePayload));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(route.Method, route.Path) { Content = content };
        request.Options.Set(DiscordRateLimitHandler.Route, route);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var limit = request.Options.TryGetValue(DiscordRateLimitHandler.RateLimit, out var known) ? known : RateLimitInfo.None;
                return new DiscordResponse((int)response.StatusCode, body, limit.RetryAfter, limit.Global);
            }

            return new DiscordResponse((int)response.StatusCode, body);
        }
        catch (DiscordRequestHeldBackException held)
        {
            return new DiscordResponse(0, string.Empty, held.Wait, Error: held.Message);
        }
        catch (HttpRequestException ex)
        {
            LogNetworkError(logger, webhook.Id, ex.HttpRequestError.ToString());
            return new DiscordResponse(0, string.Empty, Error: $"Discord could not be reached ({ex.HttpRequestError})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNetworkError(logger, webhook.Id, "timeout");
            return new DiscordResponse(0, string.Empty, Error: "Discord did not answer in time");
        }
    }

    private static string? MessageId(DiscordResponse response)
    {
        try
        {
            return response.Body.Length == 0 ? null : response.Read(DiscordJsonContext.Default.CreatedMessage)?.Id;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord webhook {WebhookId} answered {Status}: it was deleted or its token changed")]
    private static partial void LogGone(ILogger logger, string webhookId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord webhook {WebhookId} failed: {Error}")]
    private static partial void LogNetworkError(ILogger logger, string webhookId, string error);
}
