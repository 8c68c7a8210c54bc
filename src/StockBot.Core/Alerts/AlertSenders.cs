using System.Security.Cryptography;
using StockBot.Core.Security;

namespace StockBot.Core.Alerts;

/// <summary>Where a subscription's alerts go, as a sender sees it; or why they cannot go there.</summary>
public sealed record ResolvedTarget(AlertTarget? Target, string? Error);

/// <summary>
/// The senders this process has, and the one rule of which sender and which target a subscription's alerts use:
/// a subscription with a webhook goes through the platform's webhook sender, any other through the platform's bot.
/// </summary>
public sealed class AlertSenders(IEnumerable<IAlertSender> senders, SecretProtector protector)
{
    private readonly IReadOnlyList<IAlertSender> all = senders.ToList();

    /// <summary>The sender for this subscription, or null when this process has none (the bot is not configured here).</summary>
    public IAlertSender? For(Subscription subscription) => For(subscription.Platform, subscription.WebhookUrlEncrypted is not null);

    public IAlertSender? For(Platform platform, bool webhook) =>
        all.FirstOrDefault(s => s.Platform == platform && s.SendsToWebhooks == webhook);

    /// <summary>"The telegram bot is not configured in this process (Telegram:Token is not set)."</summary>
    public static string NotConfigured(Platform platform, bool webhook)
    {
        var name = platform.ToDb();
        return webhook
            ? $"This process has no {name} webhook sender, so webhook subscriptions cannot be posted from here."
            : $"The {name} bot is not configured in this process ({char.ToUpperInvariant(name[0])}{name[1..]}:Token is not set).";
    }

    /// <summary>The target of a subscription: its channel, topic, mention, and its webhook URL decrypted.</summary>
    public ResolvedTarget TargetOf(Subscription subscription)
    {
        var target = new AlertTarget(subscription.Id, subscription.Platform, subscription.ChannelId, subscription.Mention)
        {
            ThreadId = subscription.ThreadId,
            Template = subscription.Template,
        };
        if (subscription.WebhookUrlEncrypted is not { } stored)
        {
            return new ResolvedTarget(target, null);
        }

        try
        {
            return new ResolvedTarget(target with { WebhookUrl = protector.Unprotect(stored) }, null);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return new ResolvedTarget(null, "The webhook URL cannot be decrypted with this encryption key (was Security:EncryptionKey or the key file changed?).");
        }
    }
}
