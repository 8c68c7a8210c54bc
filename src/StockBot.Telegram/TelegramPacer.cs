using System.Diagnostics;

namespace StockBot.Telegram;

/// <summary>
/// Keeps sends within Telegram's limits by waiting before a send, so a 429 is the exception: about one
/// message a second per chat, 20 a minute per group or channel (negative ids), 30 a second in all.
/// Waits use the monotonic clock: pacing is about the real Telegram, whatever TimeProvider the app uses.
/// </summary>
public sealed class TelegramPacer
{
    internal static readonly TimeSpan PerChatGap = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan GroupWindow = TimeSpan.FromMinutes(1);
    internal const int GroupPerWindow = 20;
    internal const int GlobalPerSecond = 30;

    private readonly Lock gate = new();
    private readonly Dictionary<string, ChatState> chats = new(StringComparer.Ordinal);
    private readonly Queue<long> globalSends = new();
    private long pausedUntil;

    /// <summary>
    /// Reserves a send slot for the chat and returns how long to wait before using it. When the wait would be
    /// longer than <paramref name="maxWait"/>, nothing is reserved and null is returned: try again later.
    /// </summary>
    public TimeSpan? Reserve(string chatId, TimeSpan maxWait)
    {
        var now = Stopwatch.GetTimestamp();
        lock (gate)
        {
            if (!chats.TryGetValue(chatId, out var chat))
            {
                chat = new ChatState(IsGroup(chatId));
                chats[chatId] = chat;
            }

            var at = Math.Max(now, Math.Max(pausedUntil, chat.PausedUntil));
            if (chat.LastSend is { } last)
            {
                at = Math.Max(at, last + Ticks(PerChatGap));
            }

            if (chat.IsGroup)
            {
                while (chat.Window.Count > 0 && chat.Window.Peek() <= now - Ticks(GroupWindow))
                {
                    chat.Window.Dequeue();
                }

                var inWindow = chat.Window.Where(t => t > at - Ticks(GroupWindow)).ToList();
                if (inWindow.Count >= GroupPerWindow)
                {
                    at = Math.Max(at, inWindow[inWindow.Count - GroupPerWindow] + Ticks(GroupWindow));
                }
            }

            while (globalSends.Count > 0 && globalSends.Peek() <= now - Ticks(TimeSpan.FromSeconds(1)))
            {
                globalSends.Dequeue();
            }

            var recent = globalSends.Where(t => t > at - Ticks(TimeSpan.FromSeconds(1))).ToList();
            if (recent.Count >= GlobalPerSecond)
            {
                at = Math.Max(at, recent[recent.Count - GlobalPerSecond] + Ticks(TimeSpan.FromSeconds(1)));
            }

            var wait = Stopwatch.GetElapsedTime(now, at);
            if (wait > maxWait)
            {
                return null;
            }

            chat.LastSend = at;
            chat.Window.Enqueue(at);
            globalSends.Enqueue(at);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
    }

    /// <summary>Waits for a slot, however long it takes (command replies).</summary>
    public async Task WaitAsync(string chatId, CancellationToken cancellationToken)
    {
        var wait = Reserve(chatId, TimeSpan.MaxValue) ?? TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>After a 429: nothing goes to that chat (or anywhere, for a global limit) until the time is up.</summary>
    public void Pause(string? chatId, TimeSpan retryAfter)
    {
        var until = Stopwatch.GetTimestamp() + Ticks(retryAfter);
        lock (gate)
        {
            if (chatId is null)
            {
                pausedUntil = Math.Max(pausedUntil, until);
                return;
            }

            if (!chats.TryGetValue(chatId, out var chat))
            {
                chat = new ChatState(IsGroup(chatId));
                chats[chatId] = chat;
            }

            chat.PausedUntil = Math.Max(chat.PausedUntil, until);
        }
    }

    /// <summary>Groups, supergroups and channels have negative ids (or an @username for channels).</summary>
    internal static bool IsGroup(string chatId) => chatId.StartsWith('-') || chatId.StartsWith('@');

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private sealed class ChatState(bool isGroup)
    {
        public bool IsGroup { get; } = isGroup;

        public long? LastSend { get; set; }

        public long PausedUntil { get; set; }

        public Queue<long> Window { get; } = new();
    }
}
