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
/// <param name="firstHeld">The first held row per channel, read once when the run starts.</param>
public sealed class ChannelOrder(Dictionary<ChannelKey, long> firstHeld)
{
    private readonly HashSet<ChannelKey> blocked = [];

    public bool Holds(OutboxItem item)
    {
        var key = ChannelKey.Of(item.Subscription);
        return blocked.Contains(key) || (firstHeld.TryGetValue(key, out var first) && first < item.Delivery.Id);
    }

    /// <summary>Nothing more goes to this channel in this run: the rows behind this one keep their place.</summary>
    public void Block(Subscription subscription) => blocked.Add(ChannelKey.Of(subscription));
}
