using StockBot.Core;
using StockBot.Core.Subscriptions;
using StockBot.Data.Entities;

namespace StockBot.Discord.Webhooks;

/// <summary>Discord's channel webhooks as the core takes them at `subscription add --webhook`: checked, stored canonical, shown masked.</summary>
public sealed class DiscordWebhookPlatform : IWebhookPlatform
{
    public Platform Platform => Platform.Discord;

    public WebhookAddress Parse(string url) =>
        DiscordWebhookUrl.TryParse(url) is { } webhook
            ? new WebhookAddress(webhook.Id, webhook.Canonical)
            : throw new InputException(
                "webhook",
                "must be a Discord channel webhook URL, https://discord.com/api/webhooks/ID/TOKEN (channel settings > Integrations > Webhooks > Copy Webhook URL)");

    public string Masked(string webhookId) => DiscordWebhookUrl.Masked(webhookId);
}
