namespace StockBot.Telegram;

/// <summary>
/// Keeps sends within Telegram's limits with a safety margin, by waiting before a send, so a 429 is the exception:
/// one message per 1.1 s per chat (Telegram: about 1/s), one per 3.2 s and at most 19 a minute per group or channel
/// (Telegram: 20/min), 25 a second in all (Telegram: 30/s). Its clock is its own (the keyed TimeProvider
/// <see cref="ClockKey"/>, else the system's): pacing is about the real Telegram, whatever clock the app uses.
/// </summary>
public sealed class TelegramPacer
{
    /// <summary>The DI key of the TimeProvider the pacer waits on (tests give it a simulated clock).</summary>
    public const string ClockKey = "telegram-pacing";

    internal static readonly TimeSpan PerChatGap = TimeSpan.FromSeconds(1.1);
    // 3.2 s apart is at most 19 a minute: under Telegram's 20 per minute per group, with a margin.
    internal static readonly TimeSpan PerGroupGap = TimeSpan.FromSeconds(3.2);
    internal const int GlobalPerSecond = 25;

    private readonly Lock gate = new();
    private readonly Dictionary<string, ChatState> chats = new(StringComparer.Ordinal);
    private readonly Queue<long> globalSends = new();
    private readonly TimeProvider clock;
    private long pausedUntil;

    public TelegramPacer(TimeProvider? clock = null) => this.clock = clock ?? TimeProvider.System;

    /// <summary>
    /// Reserves a send slot for the chat and returns how long to wait before using it. When the wait would be
    /// longer than <paramref name="maxWait"/>, nothing is reserved and null is returned: try again later.
    /// </summary>
    public TimeSpan? Reserve(string chatId, TimeSpan maxWait)
    {
        var now = clock.GetTimestamp();
        lock (gate)
        {
            var chat = State(chatId);
            var at = Math.Max(now, Math.Max(pausedUntil, chat.PausedUntil));
            if (chat.LastSend is { } last)
            {
                at = Math.Max(at, last + Ticks(chat.IsGroup ? PerGroupGap : PerChatGap));
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

            var wait = clock.GetElapsedTime(now, at);
            if (wait > maxWait)
            {
                return null;
            }

            chat.LastSend = at;
            globalSends.Enqueue(at);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
    }

    /// <summary>Waits for a slot, however long it takes (command replies).</summary>
    public async Task WaitAsync(string chatId, CancellationToken cancellationToken) =>
        await DelayAsync(Reserve(chatId, TimeSpan.MaxValue) ?? TimeSpan.Zero, cancellationToken);

    /// <summary>Waits on the pacer's clock.</summary>
    public async Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>After a 429: nothing goes to that chat (or anywhere, for a global limit) until the time is up.</summary>
    public void Pause(string? chatId, TimeSpan retryAfter)
    {
        var until = clock.GetTimestamp() + Ticks(retryAfter);
        lock (gate)
        {
            if (chatId is null)
            {
                pausedUntil = Math.Max(pausedUntil, until);
                return;
            }

            var chat = State(chatId);
            chat.PausedUntil = Math.Max(chat.PausedUntil, until);
        }
    }

    /// <summary>Groups, supergroups and channels have negative ids (or an @username for channels).</summary>
    internal static bool IsGroup(string chatId) => chatId.StartsWith('-') || chatId.StartsWith('@');

    private ChatState State(string chatId)
    {
        if (!chats.TryGetValue(chatId, out var chat))
        {
            chat = new ChatState(IsGroup(chatId));
            chats[chatId] = chat;
        }

        return chat;
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);

    private sealed class ChatState(bool isGroup)
    {
        public bool IsGroup { get; } = isGroup;

        public long? LastSend { get; set; }

        public long PausedUntil { get; set; }

    }
}
