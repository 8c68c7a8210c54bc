using System.Globalization;
using Microsoft.Extensions.Logging;
using StockBot.Core.Alerts;
using StockBot.Data.Entities;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace StockBot.Telegram;

/// <summary>
/// Alerts as short HTML messages with a Buy button. Paces itself within Telegram's limits; a 429 hands
/// retry-after to the dispatcher, a chat that is gone (403, "chat not found", blocked, kicked) says so.
/// </summary>
public sealed partial class TelegramAlertSender(
    ITelegramBotClient client,
    TelegramPacer pacer,
    TimeProvider time,
    ILogger<TelegramAlertSender> logger) : IAlertSender
{
    /// <summary>Longer than this to wait for a slot and the alert waits in the outbox instead of the dispatcher.</summary>
    internal static readonly TimeSpan MaxPacingWait = TimeSpan.FromSeconds(5);

    public Platform Platform => Platform.Telegram;

    public async Task<AlertSendResult> SendAsync(Alert alert, AlertTarget target, CancellationToken cancellationToken)
    {
        var chat = target.ChannelId.Trim();
        if (pacer.Reserve(chat, MaxPacingWait) is not { } wait)
        {
            LogPaced(logger, chat);
            return AlertSendResult.Retry("Waiting for Telegram's rate limit for this chat.", MaxPacingWait);
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        var text = Render(alert, target.Mention, time.GetUtcNow().UtcDateTime);
        var keyboard = HasBuyButton(alert) ? TelegramHtml.Keyboard([("Buy", alert.BuyLink)]) : null;
        try
        {
            var message = await Send(chat, text, keyboard, cancellationToken);
            LogSent(logger, alert.EventId, chat, message.MessageId);
            return AlertSendResult.Sent(message.MessageId.ToString(CultureInfo.InvariantCulture));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var failure = TelegramErrors.Classify(ex);
            if (failure.Kind == TelegramFailureKind.BadRequest && keyboard is not null)
            {
                // Telegram refuses some button links (BUTTON_URL_INVALID): the alert matters more than the button.
                try
                {
                    var message = await Send(chat, text + $"\nBuy: {TelegramHtml.Escape(alert.BuyLink)}", null, cancellationToken);
                    LogSent(logger, alert.EventId, chat, message.MessageId);
                    return AlertSendResult.Sent(message.MessageId.ToString(CultureInfo.InvariantCulture));
                }
                catch (Exception retry) when (retry is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failure = TelegramErrors.Classify(retry);
                }
            }

            LogFailed(logger, alert.EventId, chat, failure.Kind, failure.Reason);
            if (failure.Kind == TelegramFailureKind.ChatGone)
            {
                return AlertSendResult.Gone(failure.Reason);
            }

            if (failure.RetryAfter is { } after)
            {
                pacer.Pause(chat, after);
            }

            return AlertSendResult.Retry(failure.Reason, failure.RetryAfter);
        }
    }

    /// <summary>The alert as Telegram HTML: mention, emoji and title, where, the change, a sentence, when.</summary>
    public static string Render(Alert alert, string? mention, DateTime nowUtc)
    {
        var lines = new List<string>();
        var head = $"{AlertText.Emoji(alert.Kind)} {TelegramHtml.Bold(AlertText.Title(alert))}";
        lines.Add(string.IsNullOrWhiteSpace(mention) ? head : $"{TelegramHtml.Escape(mention.Trim())} {head}");
        lines.Add($"📍 {TelegramHtml.Escape(AlertText.Where(alert))}");
        if (alert.Kind is not (AlertKind.MonitorError or AlertKind.MonitorRecovered))
        {
            lines.Add($"📦 {TelegramHtml.Escape(AlertText.Change(alert))}");
        }

        lines.Add(TelegramHtml.Escape(AlertText.Summary(alert)));
        if (alert.Kind is AlertKind.ThresholdLow or AlertKind.ThresholdHigh && alert.Threshold is { } threshold)
        {
            var side = alert.Kind == AlertKind.ThresholdLow ? "below" : "above";
            lines.Add($"Threshold: {side} {threshold.ToString(CultureInfo.InvariantCulture)}");
        }

        lines.Add($"<i>{TelegramHtml.Escape(AlertText.When(alert, nowUtc))}</i>");
        return TelegramHtml.Split(lines)[0];
    }

    private static bool HasBuyButton(Alert alert) => alert.Kind is not AlertKind.MonitorError;

    private Task<Message> Send(string chat, string html, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken) =>
        client.SendMessage(
            TelegramChat.Id(chat),
            html,
            ParseMode.Html,
            replyMarkup: keyboard,
            linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
            cancellationToken: cancellationToken);

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
