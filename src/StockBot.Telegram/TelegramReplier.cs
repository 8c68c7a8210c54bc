using System.Globalization;
using Microsoft.Extensions.Logging;
using StockBot.Core.Commands;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StockBot.Telegram;

/// <summary>Where a reply goes: the chat, the forum topic of the command (message_thread_id), the message answered.</summary>
internal sealed record TelegramReplyTarget(long ChatId, int? ThreadId, int? ReplyTo);

/// <summary>
/// Sends command replies: paced, retried within a short budget (a 429 whose retry_after is at most
/// <see cref="MaxRetryAfter"/>, 5xx and network errors, <see cref="MaxAttempts"/> tries), in the command's forum topic,
/// and sent again as plain text (no parse mode, buttons or photo) when Telegram refuses the message itself
/// (a button URL, the HTML, members who may not send photos).
/// </summary>
internal sealed partial class TelegramReplier(ITelegramBotClient client, TelegramPacer pacer, ILogger<TelegramReplier> logger)
{
    internal const int MaxAttempts = 3;
    internal static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(5);

    private enum Outcome
    {
        Sent,
        Refused,
        Failed,
    }

    public async Task SendAsync(TelegramReplyTarget target, CommandReply reply, CancellationToken cancellationToken)
    {
        var replyParameters = target.ReplyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
        foreach (var outgoing in TelegramReplyRenderer.Render(reply))
        {
            var outcome = await TrySendAsync(target, outgoing, replyParameters, plain: false, cancellationToken);
            if (outcome == Outcome.Refused)
            {
                outcome = await TrySendAsync(target, outgoing, replyParameters, plain: true, cancellationToken);
            }

            if (outcome != Outcome.Sent)
            {
                return;
            }

            replyParameters = null;
        }
    }

    private async Task<Outcome> TrySendAsync(TelegramReplyTarget target, TelegramOutgoing outgoing, ReplyParameters? replyParameters, bool plain, CancellationToken cancellationToken)
    {
        var chat = target.ChatId.ToString(CultureInfo.InvariantCulture);
        for (var attempt = 1; ; attempt++)
        {
            await pacer.WaitAsync(chat, cancellationToken);
            try
            {
                await SendOnceAsync(target, outgoing, replyParameters, plain, cancellationToken);
                return Outcome.Sent;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failure = TelegramErrors.Classify(ex);
                if (failure.Kind == TelegramFailureKind.Rejected && !plain)
                {
                    LogFallback(logger, chat, failure.Reason);
                    return Outcome.Refused;
                }

                var retryable = failure.Kind == TelegramFailureKind.Transient && attempt < MaxAttempts
                    && (failure.RetryAfter is null || failure.RetryAfter <= MaxRetryAfter);
                if (!retryable)
                {
                    LogReplyFailed(logger, chat, failure.Reason);
                    return Outcome.Failed;
                }

                if (failure.RetryAfter is { } after)
                {
                    pacer.Pause(chat, after);
                }
                else
                {
                    await pacer.DelayAsync(TimeSpan.FromSeconds(attempt), cancellationToken);
                }
            }
        }
    }

    private async Task SendOnceAsync(TelegramReplyTarget target, TelegramOutgoing outgoing, ReplyParameters? replyParameters, bool plain, CancellationToken cancellationToken)
    {
        var noPreview = new LinkPreviewOptions { IsDisabled = true };
        if (plain)
        {
            var buttons = outgoing.Keyboard?.InlineKeyboard.SelectMany(row => row).Select(b => $"{b.Text}: {b.Url}") ?? [];
            var text = TelegramHtml.Truncate(string.Join('\n', [TelegramHtml.ToPlain(outgoing.Html), .. buttons]), TelegramHtml.MaxMessageLength);
            await client.SendMessage(target.ChatId, text, replyParameters: replyParameters, linkPreviewOptions: noPreview,
                messageThreadId: target.ThreadId, cancellationToken: cancellationToken);
            return;
        }

        if (outgoing.Photo is { } png)
        {
            await using var stream = new MemoryStream(png, writable: false);
            await client.SendPhoto(target.ChatId, InputFile.FromStream(stream, "chart.png"), outgoing.Html, ParseMode.Html,
                replyParameters: replyParameters, replyMarkup: outgoing.Keyboard, messageThreadId: target.ThreadId, cancellationToken: cancellationToken);
            return;
        }

        await client.SendMessage(target.ChatId, outgoing.Html, ParseMode.Html, replyParameters, outgoing.Keyboard, noPreview,
            messageThreadId: target.ThreadId, cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram refused a reply to chat {ChatId} ({Reason}); sending it as plain text")]
    private static partial void LogFallback(ILogger logger, string chatId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: reply to chat {ChatId} not sent: {Reason}")]
    private static partial void LogReplyFailed(ILogger logger, string chatId, string reason);
}
