namespace StockBot.Core.Subscriptions;

/// <summary>
/// A platform whose channels can take alerts through a webhook URL instead of its bot (Discord's channel
/// webhooks). The platform registers one, with or without a bot token, so the core can take the URL at input
/// without knowing what the platform's URLs look like.
/// </summary>
public interface IWebhookPlatform
{
    Platform Platform { get; }

    /// <summary>The webhook behind a URL as a person pasted it; throws an <see cref="InputException"/> for "webhook" (never echoing the URL: it is a secret).</summary>
    WebhookAddress Parse(string url);

    /// <summary>What listings show of the webhook with this id: enough to tell it apart, never its token.</summary>
    string Masked(string webhookId);
}

/// <summary>A webhook as stored: its id (the subscription's channel_id) and its URL in one canonical spelling (stored encrypted).</summary>
public sealed record WebhookAddress(string Id, string Url);
