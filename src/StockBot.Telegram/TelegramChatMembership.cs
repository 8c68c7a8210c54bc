using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StockBot.Core.Subscriptions;
using StockBot.Data;
using StockBot.Data.Entities;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StockBot.Telegram;

/// <summary>
/// What Telegram says about the bot's place in a chat, applied to that chat's subscriptions: removed (left, kicked,
/// blocked) turns them off with the reason; restricted or demoted so that it cannot post keeps them and records
/// "can't post: ..." (shown in status) without switching them off; allowed to post again clears that. A group that
/// became a supergroup takes its subscriptions along.
/// </summary>
internal sealed partial class TelegramChatMembership(
    StockBotDbContext db,
    SubscriptionService subscriptions,
    TimeProvider time,
    ILogger<TelegramChatMembership> logger)
{
    internal const string CannotPostPrefix = "can't post: ";

    public async Task ApplyAsync(ChatMemberUpdated change, CancellationToken cancellationToken)
    {
        var chat = change.Chat.Id.ToString(CultureInfo.InvariantCulture);
        var now = time.GetUtcNow().UtcDateTime;
        var member = change.NewChatMember;
        var mine = db.Subscriptions.Where(s => s.Platform == Platform.Telegram && s.ChannelId == chat);
        if (member.Status is ChatMemberStatus.Left or ChatMemberStatus.Kicked)
        {
            var reason = change.Chat.Type == ChatType.Private
                ? "Telegram: the user blocked the bot"
                : $"Telegram: the bot was removed from the chat ({(member.Status == ChatMemberStatus.Kicked ? "kicked" : "left")})";
            var off = await mine.Where(s => s.IsActive).ExecuteUpdateAsync(
                s => s.SetProperty(x => x.IsActive, false).SetProperty(x => x.LastError, reason).SetProperty(x => x.LastErrorAt, now), cancellationToken);
            LogRemoved(logger, chat, off, reason);
            return;
        }

        if (CannotPost(change.Chat.Type, member) is { } why)
        {
            var error = CannotPostPrefix + why;
            var marked = await mine.ExecuteUpdateAsync(s => s.SetProperty(x => x.LastError, error).SetProperty(x => x.LastErrorAt, now), cancellationToken);
            LogCannotPost(logger, chat, marked, why);
            return;
        }

        var cleared = await mine.Where(s => s.LastError != null && s.LastError.StartsWith(CannotPostPrefix))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastError, (string?)null).SetProperty(x => x.LastErrorAt, (DateTime?)null), cancellationToken);
        if (cleared > 0)
        {
            LogMayPost(logger, chat, cleared);
        }
    }

    /// <summary>A group upgraded to a supergroup (the service message, or a 400 with migrate_to_chat_id): its subscriptions move.</summary>
    public async Task MoveAsync(long from, long to, CancellationToken cancellationToken)
    {
        var fromId = from.ToString(CultureInfo.InvariantCulture);
        var toId = to.ToString(CultureInfo.InvariantCulture);
        var count = await subscriptions.MoveChannelAsync(Platform.Telegram, fromId, toId, cancellationToken);
        LogMoved(logger, fromId, toId, count);
    }

    /// <summary>Why the bot may not post with these rights, or null when it may.</summary>
    internal static string? CannotPost(ChatType chatType, ChatMember member) => member switch
    {
        ChatMemberOwner => null,
        ChatMemberAdministrator admin when chatType == ChatType.Channel && !admin.CanPostMessages =>
            "the bot is an admin of the channel without the right to post messages",
        ChatMemberAdministrator => null,
        ChatMemberRestricted { CanSendMessages: false } => "an admin restricted the bot from sending messages",
        _ when chatType == ChatType.Channel => "the bot is not an admin of the channel with the right to post messages",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram chat {ChatId}: {Reason}; {Count} subscription(s) turned off")]
    private static partial void LogRemoved(ILogger logger, string chatId, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram chat {ChatId}: the bot can't post ({Reason}); {Count} subscription(s) kept and marked")]
    private static partial void LogCannotPost(ILogger logger, string chatId, int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram chat {ChatId}: the bot may post again; {Count} subscription(s) cleared")]
    private static partial void LogMayPost(ILogger logger, string chatId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram group {FromChatId} became supergroup {ToChatId}; {Count} subscription(s) there now")]
    private static partial void LogMoved(ILogger logger, string fromChatId, string toChatId, int count);
}
