using System.Globalization;
using Microsoft.Extensions.Logging;
using StockBot.Core.Alerts;
using StockBot.Data.Entities;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StockBot.Telegram;

/// <summary>
/// Alerts as short HTML messages with a Buy button (or, as <see cref="AlertForm.Plain"/>, as plain text), into the
/// subscription's forum topic when it names one. Paces itself within Telegram's limits, and maps the Bot API's
/// answers onto the outbox's: 429 and outages retry (with retry_after), a 400 about the message is Rejected with
/// Telegram's own description, a migrated group is Moved to its new id, 403 and "chat not found" are ChannelGone.
/// </summary>
public sealed partial class TelegramAlertSender(
    ITelegramBotClient client,
    TelegramPacer pacer,
    ILogger<TelegramAlertSender> logger) : IAlertSender
{
    /// <summary>Longer than this to wait for a slot and the alert waits in the outbox instead of the dispatcher.</summary>
    internal static readonly TimeSpan MaxPacingWait = TimeSpan.FromSeconds(5);

    public Platform Platform => Platform.Telegram;

    public Task<AlertSendResult> SendAsync(Alert alert, AlertTarget target, CancellationToken cancellationToken) =>
        PostAsync(target, alert.EventId, (chat, thread) => target.Form == AlertForm.Plain
            ? client.SendMessage(chat, RenderPlain(alert), messageThreadId: thread,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: cancellationToken)
            : client.SendMessage(chat, Render(alert, target.Mention, target.Template), ParseMode.Html,
                replyMarkup: HasBuyButton(alert) ? TelegramHtml.Keyboard([("Buy", alert.BuyLink)]) : null,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, messageThreadId: thread, cancellationToken: cancellationToken),
            cancellationToken);

    public bool SendsDigests => true;

    public Task<AlertSendResult> SendDigestAsync(Digest digest, AlertTarget target, CancellationToken cancellationToken) =>
        PostAsync(target, digest.Alerts[0].EventId, (chat, thread) => target.Form == AlertForm.Plain
            ? client.SendMessage(chat, TelegramDigest.RenderPlain(digest), messageThreadId: thread,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: cancellationToken)
            : client.SendMessage(chat, TelegramDigest.Render(digest, target.Mention), ParseMode.Html,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, messageThreadId: thread, cancellationToken: cancellationToken),
            cancellationToken);

    /// <summary>One message to the target's chat (and topic), paced, with the Bot API's answer mapped onto the outbox's.</summary>
    private async Task<AlertSendResult> PostAsync(
        AlertTarget target, long eventId, Func<ChatId, int?, Task<Message>> send, CancellationToken cancellationToken)
    {
        var chat = target.ChannelId.Trim();
        if (pacer.Reserve(chat, MaxPacingWait) is not { } wait)
        {
            LogPaced(logger, chat);
            return AlertSendResult.Retry("Waiting for Telegram's rate limit for this chat.", MaxPacingWait);
        }

        await pacer.DelayAsync(wait, cancellationToken);
        var thread = ThreadOf(target.ThreadId);
        try
        {
            var message = await send(TelegramChat.Id(chat), thread);
            LogSent(logger, eventId, chat, message.MessageId);
            return AlertSendResult.Sent(message.MessageId.ToString(CultureInfo.InvariantCulture));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var failure = TelegramErrors.Classify(ex);
            LogFailed(logger, eventId, chat, failure.Kind, failure.Reason);
            switch (failure.Kind)
            {
                case TelegramFailureKind.ChatGone:
                    return AlertSendResult.Gone(failure.Reason);
                case TelegramFailureKind.Moved:
                    return AlertSendResult.Moved(failure.MovedTo!.Value.ToString(CultureInfo.InvariantCulture), failure.Reason);
                case TelegramFailureKind.Rejected:
                    return AlertSendResult.Rejected(failure.Description ?? failure.Reason);
                default:
                    if (failure.RetryAfter is { } after)
                    {
                        pacer.Pause(chat, after);
                    }

                    return AlertSendResult.Retry(failure.Reason, failure.RetryAfter);
            }
        }
    }

    /// <summary>
    /// The alert as Telegram HTML: mention, emoji and title, where, the change, the price, a sentence, when (UTC). With a
    /// subscription's <paramref name="template"/>, its text (HTML-escaped, so it adds no markup) after the mention instead.
    /// </summary>
    public static string Render(Alert alert, string? mention, string? template = null)
    {
        var lines = new List<string>();
        var mentioned = string.IsNullOrWhiteSpace(mention) ? string.Empty : $"{TelegramHtml.Escape(mention.Trim())} ";
        if (template is not null && AlertTemplate.Render(template, alert) is { } own)
        {
            var ownLines = own.Split('\n').Select(TelegramHtml.Escape).ToList();
            ownLines[0] = mentioned + ownLines[0];
            return TelegramHtml.Split(ownLines)[0];
        }

        lines.Add($"{mentioned}{AlertText.Emoji(alert.Kind)} {TelegramHtml.Bold(AlertText.Title(alert))}");
        var body = Body(alert);
        lines.AddRange(body.SkipLast(1).Select(TelegramHtml.Escape));
        lines.Add($"<i>{TelegramHtml.Escape(body[^1])}</i>");
        return TelegramHtml.Split(lines)[0];
    }

    /// <summary>
    /// The fallback after Telegram refused the full alert: text only, no parse mode, no button, no mention; the buy
    /// link as bare text, so nothing in it can be what was refused.
    /// </summary>
    public static string RenderPlain(Alert alert)
    {
        var lines = new List<string> { $"{AlertText.Emoji(alert.Kind)} {AlertText.Title(alert)}" };
        lines.AddRange(Body(alert));
        if (HasBuyButton(alert))
        {
            lines.Add($"Buy: {alert.BuyLink}");
        }

        return TelegramHtml.Truncate(string.Join('\n', lines), TelegramHtml.MaxMessageLength);
    }

    /// <summary>The alert's lines under the title, as plain text: where, the change, the price, a sentence, the mark, when (last).</summary>
    private static List<string> Body(Alert alert)
    {
        var plain = new List<string> { $"📍 {AlertText.Where(alert)}" };
        if (alert.Kind is not (AlertKind.MonitorError or AlertKind.MonitorRecovered))
        {
            plain.Add($"📦 {AlertText.Change(alert)}");
        }

        if (alert.Price is { } price)
        {
            plain.Add($"💲 {price}");
        }

        plain.Add(AlertText.Summary(alert));
        plain.Add(AlertText.At(alert));
        return plain;
    }

    /// <summary>A forum topic id as Telegram takes it (message_thread_id), or none.</summary>
    internal static int? ThreadOf(string? threadId) =>
        int.TryParse(threadId, NumberStyles.None, CultureInfo.InvariantCulture, out var thread) && thread > 0 ? thread : null;

    private static bool HasBuyButton(Alert alert) => AlertText.HasBuyLink(alert);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram alert for event {HistoryId} sent to chat {ChatId} as message {MessageId}")]
    private static partial void LogSent(ILogger logger, long historyId, string chatId, int messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram chat {ChatId} is at its rate limit; the alert waits in the outbox")]
    private static partial void LogPaced(ILogger logger, string chatId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram alert for event {HistoryId} to chat {ChatId} not sent ({Kind}): {Reason}")]
    private static partial void LogFailed(ILogger logger, long historyId, string chatId, TelegramFailureKind kind, string reason);
}

internal static class TelegramChat
{
    /// <summary>A numeric chat id, or "@channelusername".</summary>
    public static ChatId Id(string chat) =>
        long.TryParse(chat, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? new ChatId(id) : new ChatId(chat);
}
