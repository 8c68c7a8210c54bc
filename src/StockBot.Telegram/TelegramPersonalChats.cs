using Microsoft.Extensions.Logging;
using StockBot.Core.Commands;
using StockBot.Core.Follows;
using StockBot.Data.Entities;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace StockBot.Telegram;

/// <summary>
/// A Telegram user's personal alerts go to their private chat with the bot, whose id is the user's id. A bot may
/// only write there after the user pressed Start: a follow made in a group checks that with a silent chat action
/// ("typing"), which Telegram refuses with 403 "bot can't initiate conversation with a user" until then.
/// </summary>
public sealed partial class TelegramPersonalChats(ITelegramBotClient client, TelegramBotIdentity identity, ILogger<TelegramPersonalChats> logger) : IPersonalChats
{
    public Platform Platform => Platform.Telegram;

    public async Task<PersonalChat> OpenAsync(CommandCaller caller, CancellationToken cancellationToken)
    {
        if (caller.IsPrivate)
        {
            return PersonalChat.At(caller.UserId);
        }

        try
        {
            await client.SendChatAction(TelegramChat.Id(caller.UserId), ChatAction.Typing, cancellationToken: cancellationToken);
            return PersonalChat.At(caller.UserId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = TelegramErrors.Classify(ex);
            LogProbe(logger, caller.UserId, failure.Reason);
            // Followed all the same: the alerts arrive once the user starts the chat (until then one refused alert turns it off).
            return failure.Kind == TelegramFailureKind.ChatGone
                ? PersonalChat.At(caller.UserId, $"I'll send these to you in a private chat — open t.me/{identity.Username ?? "this bot"} and press Start.")
                : PersonalChat.At(caller.UserId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram user {UserId} cannot get private messages yet: {Reason}")]
    private static partial void LogProbe(ILogger logger, string userId, string reason);
}
