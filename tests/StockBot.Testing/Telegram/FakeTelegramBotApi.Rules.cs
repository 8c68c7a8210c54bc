using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace StockBot.Testing.Telegram;

/// <summary>
/// What the real Bot API refuses, with its own error bodies: text over 4096 characters and captions over 1024 (after
/// entity parsing), HTML it cannot parse, button URLs it does not accept, sends to an upgraded group (with
/// migrate_to_chat_id), to a closed forum topic, without the right to post text or photos, from a kicked bot, and
/// more than one message a second per chat, 20 a minute per group or 30 a second in all (429 with retry_after).
/// </summary>
public sealed partial class FakeTelegramBotApi
{
    public const int MaxTextLength = 4096;
    public const int MaxCaptionLength = 1024;

    private static readonly HashSet<string> HtmlTags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"];

    private readonly ConcurrentDictionary<string, long> upgraded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Chat, string Thread), bool> closedTopics = new();
    private readonly ConcurrentDictionary<string, (bool Text, bool Photos)> rights = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> kicked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> privateRefusals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DateTimeOffset>> sendsByChat = new(StringComparer.Ordinal);
    private readonly List<DateTimeOffset> allSends = [];
    private readonly List<string> violations = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource> held = new(StringComparer.Ordinal);
    private int heldRequests;

    /// <summary>Sends to the chat that arrived and are waiting for <see cref="ReleaseSends"/>.</summary>
    public int HeldRequests => Volatile.Read(ref heldRequests);

    /// <summary>Sends to the chat get no answer until <see cref="ReleaseSends"/> (a slow chat, as Telegram has them).</summary>
    public void HoldSends(long chatId) => held[Id(chatId)] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseSends(long chatId)
    {
        if (held.TryRemove(Id(chatId), out var gate))
        {
            gate.TrySetResult();
        }
    }

    private async Task WaitIfHeldAsync(string method, JsonObject body, CancellationToken aborted)
    {
        if (SendMethods.Contains(method) && Param(body, "chat_id") is { } chat && held.TryGetValue(chat, out var gate))
        {
            Interlocked.Increment(ref heldRequests);
            try
            {
                await gate.Task.WaitAsync(aborted);
            }
            finally
            {
                Interlocked.Decrement(ref heldRequests);
            }
        }
    }

    /// <summary>The clock of the rate limits (a test may give one that it moves).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every request the rules refused (not the scripted failures), as "method chat: description".</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (gate)
            {
                return violations.ToList();
            }
        }
    }

    /// <summary>How many 429s the rate limits answered.</summary>
    public int RateLimitAnswers
    {
        get
        {
            lock (gate)
            {
                return violations.Count(v => v.Contains("Too Many Requests", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>A forum topic whose sends answer 400 TOPIC_CLOSED.</summary>
    public void CloseTopic(long chatId, int threadId) => closedTopics[(Id(chatId), threadId.ToString(CultureInfo.InvariantCulture))] = true;

    /// <summary>What the bot may send in a chat; sends it may not make answer "not enough rights to send ...".</summary>
    public void SetBotRights(long chatId, bool text = true, bool photos = true) => rights[Id(chatId)] = (text, photos);

    /// <summary>The bot was removed from the chat: every send answers 403 "bot was kicked from the ... chat".</summary>
    public void KickBot(long chatId, string chatType = "supergroup") => kicked[Id(chatId)] = chatType == "channel" ? "Forbidden: bot is not a member of the channel chat" : $"Forbidden: bot was kicked from the {chatType} chat";

    /// <summary>
    /// The user blocked the bot: sends to their private chat (the user's id) answer 403 "Forbidden: bot was blocked by
    /// the user" until they write to the bot again.
    /// </summary>
    public void BlockBot(long userId) => privateRefusals[Id(userId)] = "Forbidden: bot was blocked by the user";

    /// <summary>The user never pressed Start: 403 "Forbidden: bot can't initiate conversation with a user" until they write to the bot.</summary>
    public void NeverStarted(long userId) => privateRefusals[Id(userId)] = "Forbidden: bot can't initiate conversation with a user";

    /// <summary>The user deleted their account: 403 "Forbidden: user is deactivated", for good.</summary>
    public void DeactivateUser(long userId) => privateRefusals[Id(userId)] = Deactivated;

    private const string Deactivated = "Forbidden: user is deactivated";

    private void Started(long userId)
    {
        if (privateRefusals.TryGetValue(Id(userId), out var refusal) && refusal != Deactivated)
        {
            privateRefusals.TryRemove(Id(userId), out _);
        }
    }

    private sealed record Refusal(int StatusCode, JsonObject Body);

    /// <summary>sendChatAction: refused as a send to that chat would be (blocked, never started, kicked), never rate limited here.</summary>
    private Refusal? CheckAction(string method, JsonObject body)
    {
        var chat = Param(body, "chat_id") ?? string.Empty;
        return Noted(method, chat, CheckChat(method, chat, body));
    }

    private Refusal? Check(string method, JsonObject body)
    {
        var chat = Param(body, "chat_id") ?? string.Empty;
        return Noted(method, chat, CheckChat(method, chat, body) ?? CheckContent(method, body) ?? CheckRate(chat));
    }

    private Refusal? Noted(string method, string chat, Refusal? refusal)
    {
        if (refusal is not null)
        {
            lock (gate)
            {
                violations.Add($"{method} {chat}: {(string?)refusal.Body["description"]}");
            }
        }

        return refusal;
    }

    private Refusal? CheckChat(string method, string chat, JsonObject body)
    {
        if (chat.Length == 0)
        {
            return Bad("Bad Request: chat_id is empty");
        }

        if (upgraded.TryGetValue(chat, out var to))
        {
            var error = Error(400, "Bad Request: group chat was upgraded to a supergroup chat");
            error["parameters"] = new JsonObject { ["migrate_to_chat_id"] = to };
            return new Refusal(400, error);
        }

        if (kicked.TryGetValue(chat, out var gone))
        {
            return new Refusal(403, Error(403, gone));
        }

        if (privateRefusals.TryGetValue(chat, out var refused))
        {
            return new Refusal(403, Error(403, refused));
        }

        if (Param(body, "message_thread_id") is { } thread && closedTopics.ContainsKey((chat, thread)))
        {
            return Bad("Bad Request: TOPIC_CLOSED");
        }

        if (rights.TryGetValue(chat, out var may))
        {
            if (method == "sendMessage" && !may.Text)
            {
                return Bad("Bad Request: not enough rights to send text messages to the chat");
            }

            if (method == "sendPhoto" && !may.Photos)
            {
                return Bad("Bad Request: not enough rights to send photos to the chat");
            }
        }

        return null;
    }

    private static Refusal? CheckContent(string method, JsonObject body)
    {
        var isPhoto = method == "sendPhoto";
        var text = Param(body, isPhoto ? "caption" : "text") ?? string.Empty;
        var html = string.Equals(Param(body, "parse_mode"), "html", StringComparison.OrdinalIgnoreCase);
        string visible;
        if (html)
        {
            if (ParseHtml(text, out visible) is { } parseError)
            {
                return Bad($"Bad Request: can't parse entities: {parseError}");
            }
        }
        else
        {
            visible = text;
        }

        if (!isPhoto && visible.Trim().Length == 0)
        {
            return Bad("Bad Request: message text is empty");
        }

        if (!isPhoto && visible.Length > MaxTextLength)
        {
            return Bad("Bad Request: message is too long");
        }

        if (isPhoto && visible.Length > MaxCaptionLength)
        {
            return Bad("Bad Request: message caption is too long");
        }

        return CheckKeyboard(body);
    }

    private static Refusal? CheckKeyboard(JsonObject body)
    {
        if (body["reply_markup"] is not { } markup)
        {
            return null;
        }

        var parsed = markup is JsonValue raw ? JsonNode.Parse(raw.GetValue<string>()) : markup;
        if (parsed?["inline_keyboard"] is not JsonArray rows)
        {
            return null;
        }

        foreach (var button in rows.OfType<JsonArray>().SelectMany(r => r).OfType<JsonObject>())
        {
            if (string.IsNullOrWhiteSpace((string?)button["text"]))
            {
                return Bad("Bad Request: BUTTON_TEXT_INVALID");
            }

            if (button["url"] is { } url
                && (!Uri.TryCreate((string?)url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "tg") || ((string?)url)!.Any(c => c is ' ' or '<' or '>' or '"' or '{' or '}' or '|')))
            {
                return Bad("Bad Request: BUTTON_URL_INVALID");
            }
        }

        return null;
    }

    /// <summary>Telegram's HTML: the supported tags, properly nested; returns the error text and the visible text.</summary>
    private static string? ParseHtml(string html, out string visible)
    {
        var text = new StringBuilder();
        var open = new Stack<string>();
        visible = string.Empty;
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '&')
            {
                var end = html.IndexOf(';', i);
                var entity = end > i ? html[i..(end + 1)] : string.Empty;
                if (entity is "&lt;" or "&gt;" or "&amp;" or "&quot;" || (entity.StartsWith("&#", StringComparison.Ordinal) && entity.Length > 3))
                {
                    text.Append(WebUtility.HtmlDecode(entity));
                    i = end;
                    continue;
                }

                text.Append(c);
                continue;
            }

            if (c != '<')
            {
                text.Append(c);
                continue;
            }

            var close = html.IndexOf('>', i);
            var offset = Encoding.UTF8.GetByteCount(html.AsSpan(0, i));
            if (close < 0)
            {
                return $"Unclosed start tag at byte offset {offset}";
            }

            var tag = html[(i + 1)..close].Trim();
            if (tag.StartsWith('/'))
            {
                var name = tag[1..].Trim().ToLowerInvariant();
                if (open.Count == 0 || open.Peek() != name)
                {
                    return open.Count == 0
                        ? $"Unexpected end tag at byte offset {offset}"
                        : $"Unmatched end tag at byte offset {offset}, expected \"</{open.Peek()}>\", found \"</{name}>\"";
                }

                open.Pop();
            }
            else
            {
                var name = tag.Split(' ', 2)[0].ToLowerInvariant();
                if (!HtmlTags.Contains(name))
                {
                    return $"Unsupported start tag \"{name}\" at byte offset {offset}";
                }

                open.Push(name);
            }

            i = close;
        }

        if (open.Count > 0)
        {
            return $"Can't find end tag corresponding to start tag \"{open.Peek()}\"";
        }

        visible = text.ToString();
        return null;
    }

    private Refusal? CheckRate(string chat)
    {
        var now = Clock.GetUtcNow();
        lock (gate)
        {
            allSends.RemoveAll(t => t <= now - TimeSpan.FromSeconds(1));
            if (allSends.Count >= 30)
            {
                return TooMany(allSends[0] + TimeSpan.FromSeconds(1) - now);
            }

            if (sendsByChat.TryGetValue(chat, out var sends))
            {
                sends.RemoveAll(t => t <= now - TimeSpan.FromMinutes(1));
                if (sends.Count > 0 && now - sends[^1] < TimeSpan.FromSeconds(1))
                {
                    return TooMany(sends[^1] + TimeSpan.FromSeconds(1) - now);
                }

                if (chat.StartsWith('-') && sends.Count >= 20)
                {
                    return TooMany(sends[0] + TimeSpan.FromMinutes(1) - now);
                }
            }
        }

        return null;
    }

    private void CountSend(JsonObject body)
    {
        var chat = Param(body, "chat_id") ?? string.Empty;
        var now = Clock.GetUtcNow();
        lock (gate)
        {
            allSends.Add(now);
            if (!sendsByChat.TryGetValue(chat, out var sends))
            {
                sendsByChat[chat] = sends = [];
            }

            sends.Add(now);
        }
    }

    private static Refusal TooMany(TimeSpan left)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(left.TotalSeconds));
        var error = Error(429, $"Too Many Requests: retry after {seconds}");
        error["parameters"] = new JsonObject { ["retry_after"] = seconds };
        return new Refusal(429, error);
    }

    private static Refusal Bad(string description) => new(400, Error(400, description));
}
