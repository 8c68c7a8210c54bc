using StockBot.Core.Alerts;
using StockBot.Discord.Alerts;

namespace StockBot.Discord.Webhooks;

/// <summary>
/// What a webhook posts: the bot's alert message as it is (embed, Buy button, role mention), or for
/// <see cref="AlertForm.Plain"/> one line of escaped text with no embed, button, link or ping.
/// </summary>
public static class DiscordWebhookMessage
{
    /// <summary>Discord's limit of a message's content.</summary>

    public static MessagePayload Build(Alert alert, AlertTarget target) =>
        target.Form == AlertForm.Plain ? Plain(alert) : DiscordAlertMessage.Build(alert, target.Mention, template: target.Template);

    public static MessagePayload Plain(Alert alert)
    {
        var text = $"{AlertText.Emoji(alert.Kind)} {AlertText.Title(alert)} @ {AlertText.Where(alert)}: {AlertText.Change(alert)}. {AlertText.Summary(alert)} ({AlertText.At(alert)})";
        return new MessagePayload([], AllowedMentions.None, DiscordText.Truncate(DiscordText.Escape(text), DiscordLimits.ContentLimit));
    }
}
