using StockBot.Core.Operations;
using StockBot.Data.Entities;

namespace StockBot.Telegram;

/// <summary>Connected = a getUpdates answered within the last two minutes (long polls last 30 s).</summary>
internal sealed class TelegramConnection(TimeProvider time) : IBotConnection
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(2);
    private long lastPollTicks;

    public Platform Platform => Platform.Telegram;

    public bool IsConnected
    {
        get
        {
            var last = Interlocked.Read(ref lastPollTicks);
            return last != 0 && time.GetUtcNow().UtcTicks - last < Fresh.Ticks;
        }
    }

    public void Polled() => Interlocked.Exchange(ref lastPollTicks, time.GetUtcNow().UtcTicks);
}
