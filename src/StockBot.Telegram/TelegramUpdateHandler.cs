using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Commands;
using StockBot.Data.Entities;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StockBot.Telegram;

/// <summary>
/// One update in its own DI scope: a text command parsed with the shared catalog, the caller's rights worked out
/// (bot admins, chat admins), secrets kept out of groups, and the reply sent in the command's forum topic; the bot's
/// own membership changes (my_chat_member) and group migrations applied to the subscriptions. Commands for other
/// bots and plain text get no reply. Logs chat ids, command names and outcomes only: never message text,
/// arguments or the token.
/// </summary>
internal sealed partial class TelegramUpdateHandler(
    ITelegramBotClient client,
    CommandCatalog catalog,
    CommandExecutor executor,
    TelegramBotIdentity identity,
    TelegramReplier replier,
    TelegramChatMembership membership,
    IOptions<TelegramOptions> options,
    ILogger<TelegramUpdateHandler> logger)
{
    /// <summary>
    /// The lane an update runs in (updates of one lane run in order): its chat; a migration's the old group's,
    /// so the two service messages of one upgrade never race.
    /// </summary>
    public static long LaneOf(Update update) =>
        update.Message is { } m ? m.MigrateFromChatId ?? m.Chat.Id : update.MyChatMember?.Chat.Id ?? 0;

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        if (update.MyChatMember is { } change)
        {
            await membership.ApplyAsync(change, cancellationToken);
            return;
        }

        if (update.Message is { MigrateToChatId: { } to } from)
        {
            await membership.MoveAsync(from.Chat.Id, to, cancellationToken);
            return;
        }

        if (update.Message is { MigrateFromChatId: { } old } upgraded)
        {
            await membership.MoveAsync(old, upgraded.Chat.Id, cancellationToken);
            return;
        }

        if (update.Message is not { Text: { } text, From: { } sender } message || CommandHead.Parse(text) is not { } head)
        {
            return;
        }

        // Someone else's command (`/poll@OtherBot "...`): not ours to parse, answer or delete.
        if (head.IsForAnotherBot(identity.Username))
        {
            return;
        }

        await HandleCommandAsync(message, sender, text, head, cancellationToken);
    }

    private async Task HandleCommandAsync(Message message, User from, string text, CommandHead head, CancellationToken cancellationToken)
    {
        var chat = message.Chat;
        var chatId = chat.Id.ToString(CultureInfo.InvariantCulture);
        var isPrivate = chat.Type == ChatType.Private;
        var thread = message.IsTopicMessage ? message.MessageThreadId : null;
        var here = new TelegramReplyTarget(chat.Id, thread, message.MessageId);

        // A secret never stays in a group, whatever else is wrong with the command.
        var secretCommand = SecretCommandOf(head);
        if (secretCommand is not null && !isPrivate)
        {
            var deleted = await TryDeleteAsync(chat.Id, message.MessageId, cancellationToken);
            LogSecretRefused(logger, secretCommand.FullName, chatId, deleted);
            var hint = deleted
                ? "I deleted your message. Send the command to me in a private chat; nothing was saved."
                : "I could not delete your message: delete it yourself, and change the secret in WHMCS. Nothing was saved.";
            await replier.SendAsync(here with { ReplyTo = null }, CommandReply.Refuse($"/{secretCommand.FullName} carries an API secret: never send it in a group.", hint), cancellationToken);
            return;
        }

        if (!catalog.Groups.Contains(head.Group))
        {
            // Not one of ours (another bot's, without @name): silent in groups, a hint in a private chat.
            if (isPrivate)
            {
                LogUnknown(logger, chatId);
                await replier.SendAsync(here, CommandReply.Fail("I don't know that command.", null) with { Lines = ["Send /help for what I can do."] }, cancellationToken);
            }

            return;
        }

        // `/start PAYLOAD` (a t.me/bot?start= link): the payload is not a command argument; the answer is the help.
        if (IsStart(text))
        {
            text = "/" + HelpHandler.Group;
        }

        var parsed = CommandTextParser.Parse(head, text, catalog, identity.Username);
        if (parsed.Command is null && parsed.Error is null)
        {
            return;
        }

        if (parsed.Error is not null)
        {
            LogOutcome(logger, parsed.Command?.FullName ?? "?", chatId, "bad input");
            var lines = parsed.Command is { } known && !parsed.Error.Contains(known.Usage, StringComparison.Ordinal) ? [$"Usage: {known.Usage}"] : Array.Empty<string>();
            await replier.SendAsync(here, new CommandReply(ReplyStatus.Error, parsed.Error, lines, []), cancellationToken);
            return;
        }

        var command = parsed.Command!;
        var arguments = new Dictionary<string, string>(parsed.Arguments, StringComparer.OrdinalIgnoreCase);
        var caller = new CommandCaller(
            Platform.Telegram,
            from.Id.ToString(CultureInfo.InvariantCulture),
            chatId,
            isPrivate,
            options.Value.IsAdmin(from.Id),
            IsChatAdmin: isPrivate,
            DisplayName: from.Username is { Length: > 0 } username ? "@" + username : from.FirstName)
        {
            Thread = thread?.ToString(CultureInfo.InvariantCulture),
        };

        if (command.Access == CommandAccess.ChatAdmin)
        {
            var target = await ResolveTargetChatAsync(command, arguments, chat, cancellationToken);
            if (target.Refusal is not null)
            {
                LogOutcome(logger, command.FullName, chatId, "target chat refused");
                await replier.SendAsync(here, target.Refusal, cancellationToken);
                return;
            }

            var isChatAdmin = target.ChatId == chat.Id
                ? isPrivate || message.SenderChat?.Id == chat.Id || await IsChatAdminAsync(chat.Id, from.Id, cancellationToken)
                : await IsChatAdminAsync(target.ChatId, from.Id, cancellationToken);
            caller = caller with { IsChatAdmin = isChatAdmin };
        }

        var reply = await executor.ExecuteAsync(new CommandRequest(command, arguments, caller), cancellationToken);
        LogOutcome(logger, command.FullName, chatId, reply.Status.ToString());
        await replier.SendAsync(here, reply, cancellationToken);
    }

    private static bool IsStart(string text)
    {
        var first = text.AsSpan().TrimStart();
        var end = first.IndexOfAny(' ', '@', '\n');
        var word = end < 0 ? first : first[..end];
        return word.Equals("/" + CommandHead.StartAlias, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The secret-carrying command a text starts with (`/website add ...`), even when it would not parse.</summary>
    private CommandDefinition? SecretCommandOf(CommandHead head) =>
        catalog.Commands.FirstOrDefault(c => c.CarriesSecret
            && c.Group == head.Group
            && (c.Name is null || c.Name.Equals(head.SecondWord, StringComparison.OrdinalIgnoreCase)));

    private sealed record TargetChat(long ChatId, CommandReply? Refusal);

    /// <summary>
    /// `chat=@channel` (or an id): resolve it to the numeric id and check the bot may post there, before the
    /// command runs; the argument is replaced by the numeric id, which is what alerts are sent to.
    /// </summary>
    private async Task<TargetChat> ResolveTargetChatAsync(CommandDefinition command, Dictionary<string, string> arguments, Chat here, CancellationToken cancellationToken)
    {
        if (!arguments.TryGetValue("chat", out var requested) || string.IsNullOrWhiteSpace(requested))
        {
            arguments.Remove("chat");
            return new TargetChat(here.Id, null);
        }

        requested = requested.Trim();
        if (requested.StartsWith("https://t.me/", StringComparison.OrdinalIgnoreCase))
        {
            requested = "@" + requested["https://t.me/".Length..].Trim('/');
        }

        ChatFullInfo target;
        try
        {
            target = await client.GetChat(TelegramChat.Id(requested), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = TelegramErrors.Classify(ex);
            return new TargetChat(0, failure.Kind == TelegramFailureKind.Transient
                ? CommandReply.Fail("Telegram did not answer; try again in a moment.")
                : CommandReply.Fail($"I cannot find the chat {requested}.", $"Add me to it first (as an admin who may post, for a channel). Usage: {command.Usage}"));
        }

        arguments["chat"] = target.Id.ToString(CultureInfo.InvariantCulture);
        if (target.Id == here.Id || command.Group != "subscribe")
        {
            return new TargetChat(target.Id, null);
        }

        var botId = identity.Id ?? (await client.GetMe(cancellationToken)).Id;
        ChatMember me;
        try
        {
            me = await client.GetChatMember(target.Id, botId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new TargetChat(0, CommandReply.Fail($"I could not check my rights in {requested}; try again in a moment."));
        }

        var canPost = target.Type == ChatType.Channel
            ? me is ChatMemberOwner || me is ChatMemberAdministrator { CanPostMessages: true }
            : me.Status is not (ChatMemberStatus.Left or ChatMemberStatus.Kicked) && me is not ChatMemberRestricted { CanSendMessages: false };
        return canPost
            ? new TargetChat(target.Id, null)
            : new TargetChat(0, CommandReply.Refuse(
                $"I may not post in {requested}.",
                target.Type == ChatType.Channel ? "Make me an admin of the channel with the right to post messages, then try again." : "Add me to the chat, then try again."));
    }

    private async Task<bool> IsChatAdminAsync(long chatId, long userId, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetChatMember(chatId, userId, cancellationToken)).IsAdmin;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogAdminCheckFailed(logger, chatId.ToString(CultureInfo.InvariantCulture), TelegramErrors.Classify(ex).Reason);
            return false;
        }
    }

    private async Task<bool> TryDeleteAsync(long chatId, int messageId, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteMessage(chatId, messageId, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram /{Command} in chat {ChatId}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, string command, string chatId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram /{Command} with an API secret refused in group chat {ChatId}; message deleted: {Deleted}")]
    private static partial void LogSecretRefused(ILogger logger, string command, string chatId, bool deleted);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram: unknown command in private chat {ChatId}")]
    private static partial void LogUnknown(ILogger logger, string chatId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: could not check admins of chat {ChatId}: {Reason}")]
    private static partial void LogAdminCheckFailed(ILogger logger, string chatId, string reason);
}
