using System.Globalization;
using System.Text.Json.Nodes;

namespace StockBot.Testing.Telegram;

/// <summary>Updates as Telegram queues them: getUpdates offset semantics, allowed_updates, service messages.</summary>
public sealed partial class FakeTelegramBotApi
{
    /// <summary>What Telegram sends when getUpdates never named allowed_updates: all but these.</summary>
    private static readonly HashSet<string> NotByDefault = ["chat_member", "message_reaction", "message_reaction_count"];

    private HashSet<string>? allowedUpdates;

    /// <summary>
    /// While true, an offset no longer confirms (forgets) earlier updates, as when the bot's confirming getUpdates never
    /// reached Telegram (the process was killed first): a bot that starts over without its offset gets them again.
    /// </summary>
    public bool HoldConfirmations { get; set; }

    /// <summary>The allowed_updates the bot last asked for (null: never named, Telegram's default set).</summary>
    public IReadOnlySet<string>? AllowedUpdates
    {
        get
        {
            lock (gate)
            {
                return allowedUpdates?.ToHashSet();
            }
        }
    }

    /// <summary>Updates Telegram still holds (not yet confirmed by an offset).</summary>
    public int PendingUpdates
    {
        get
        {
            lock (gate)
            {
                return updates.Count;
            }
        }
    }

    /// <summary>Queues a text message from a user in a chat (in a forum topic when <paramref name="threadId"/> is set); returns its message_id.</summary>
    public int EnqueueText(long userId, long chatId, string chatType, string text, string? chatTitle = null, long? senderChatId = null, int? threadId = null)
    {
        var messageId = Interlocked.Increment(ref nextMessageId);
        var message = MessageJson(messageId, userId, chatId, chatType, chatTitle);
        message["text"] = text;
        if (chatType == "private")
        {
            // Writing to the bot starts the private chat (Start), and unblocks it: the bot may write there now.
            Started(userId);
        }

        if (senderChatId is { } sender)
        {
            message["sender_chat"] = ChatJson(sender, chatType, chatTitle);
        }

        if (threadId is { } thread)
        {
            message["message_thread_id"] = thread;
            message["is_topic_message"] = true;
            message["chat"]!["is_forum"] = true;
        }

        if (text.StartsWith('/'))
        {
            var length = text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space : text.Length;
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length });
        }

        Enqueue("message", message);
        return messageId;
    }

    /// <summary>
    /// A my_chat_member update: the bot's own status in a chat changed (added, removed, kicked, restricted, promoted),
    /// as <paramref name="byUserId"/> did it. Statuses: member, administrator, restricted, left, kicked.
    /// </summary>
    public void EnqueueMyChatMember(long chatId, string chatType, string oldStatus, string newStatus, bool canPost = true, long byUserId = 1001)
    {
        var change = new JsonObject
        {
            ["chat"] = ChatJson(chatId, chatType, null),
            ["from"] = UserJson(byUserId),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["old_chat_member"] = MemberJson(BotId, oldStatus, canPost: true),
            ["new_chat_member"] = MemberJson(BotId, newStatus, canPost),
        };
        Enqueue("my_chat_member", change);
    }

    /// <summary>
    /// Telegram upgrades a group to a supergroup: sends to the old id answer 400 with migrate_to_chat_id from now on,
    /// and (unless told not to) the two service messages arrive: migrate_to_chat_id in the old group, migrate_from_chat_id in the new one.
    /// </summary>
    public void UpgradeGroup(long groupId, long supergroupId, bool serviceMessages = true)
    {
        upgraded[Id(groupId)] = supergroupId;
        if (!serviceMessages)
        {
            return;
        }

        var old = MessageJson(Interlocked.Increment(ref nextMessageId), 1001, groupId, "group", null);
        old["migrate_to_chat_id"] = supergroupId;
        Enqueue("message", old);
        var fresh = MessageJson(Interlocked.Increment(ref nextMessageId), 1001, supergroupId, "supergroup", null);
        fresh["migrate_from_chat_id"] = groupId;
        Enqueue("message", fresh);
    }

    private void Enqueue(string kind, JsonObject payload)
    {
        lock (gate)
        {
            updates.Add(new JsonObject { ["update_id"] = ++nextUpdateId, [kind] = payload });
        }

        updateSignal.Release();
    }

    private JsonObject MessageJson(int messageId, long userId, long chatId, string chatType, string? chatTitle) => new()
    {
        ["message_id"] = messageId,
        ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["chat"] = ChatJson(chatId, chatType, chatTitle),
        ["from"] = UserJson(userId),
    };

    private static JsonObject UserJson(long userId) =>
        new() { ["id"] = userId, ["is_bot"] = false, ["first_name"] = $"User {userId}", ["username"] = $"user{userId}" };

    private static string KindOf(JsonObject update) => update.Select(p => p.Key).First(k => k != "update_id");

    private async Task<JsonNode> GetUpdatesAsync(JsonObject body, CancellationToken aborted)
    {
        var offset = long.TryParse(Param(body, "offset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var limit = int.TryParse(Param(body, "limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l is > 0 and <= 100 ? l : 100;
        var timeout = int.TryParse(Param(body, "timeout"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? TimeSpan.FromSeconds(t) : TimeSpan.Zero;
        if (body["allowed_updates"] is { } allowed)
        {
            // Like Telegram: the list is remembered until a later call names another; [] means the default set again.
            var named = (allowed is JsonValue text ? JsonNode.Parse(text.GetValue<string>()) : allowed)!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
            lock (gate)
            {
                allowedUpdates = named.Count == 0 ? null : named;
            }
        }

        var wait = timeout < MaxLongPoll ? timeout : MaxLongPoll;
        var deadline = DateTime.UtcNow + wait;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping.Token);
        while (true)
        {
            lock (gate)
            {
                if (offset > 0 && !HoldConfirmations)
                {
                    // Like Telegram: an offset confirms every update before it.
                    updates.RemoveAll(u => (long)u["update_id"]! < offset);
                }

                // Updates of a kind the bot did not ask for are never handed over.
                updates.RemoveAll(u => allowedUpdates is null ? NotByDefault.Contains(KindOf(u)) : !allowedUpdates.Contains(KindOf(u)));
                var ready = updates.Where(u => (long)u["update_id"]! >= offset).Take(limit).Select(u => u.DeepClone()).ToArray();
                if (ready.Length > 0)
                {
                    return new JsonArray(ready);
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return new JsonArray();
            }

            try
            {
                await updateSignal.WaitAsync(left, linked.Token);
            }
            catch (OperationCanceledException)
            {
                return new JsonArray();
            }
        }
    }
}
