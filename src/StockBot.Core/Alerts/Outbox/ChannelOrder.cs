namespace StockBot.Core.Alerts.Outbox;

/// <summary>One chat, channel or topic as alerts reach it, whichever subscription sends them there.</summary>
public readonly record struct ChannelKey(Platform Platform, string ChannelId, string? ThreadId)
{
    public static ChannelKey Of(Subscription subscription) => new(subscription.Platform, subscription.ChannelId, subscription.ThreadId);
}

/// <summary>
/// The order rule of one dispatch run: a channel's alerts go out oldest first. A row is held while an older row to
/// its channel waits for a retry or is claimed by a send in flight (<see cref="AlertOutbox.FirstHeldByChannelAsync"/>),
/// or once this run stopped sending to the channel (a retry, a channel gone).
/// </summary>
public sealed class ChannelOrder
{
    private readonly HashSet<ChannelKey> blocked = [];
    private Dictionary<ChannelKey, long> firstHeld = [];

    /// <summary>The first held row per channel, read again for each batch.</summary>
    public void Refresh(Dictionary<ChannelKey, long> held) => firstHeld = held;

    public bool Holds(OutboxItem item)
    {
        var key = ChannelKey.Of(item.Subscription);
        return blocked.Contains(key) || (firstHeld.TryGetValue(key, out var first) && first < item.Delivery.Id);
    }

    /// <summary>Nothing more goes to this channel in this run: the rows behind this one keep their place.</summary>
    public void Block(Subscription subscription) => blocked.Add(ChannelKey.Of(subscription));
}
