namespace StockBot.Core.Subscriptions;

public sealed record SubscriptionInput(
    string Platform,
    string ChannelId,
    int? WebsiteId = null,
    int? MonitorConfigId = null,
    string? Events = null,
    string? Mention = null,
    string? CreatedBy = null);

public sealed record SubscriptionView(
    int Id,
    string Platform,
    string ChannelId,
    int? WebsiteId,
    int? MonitorConfigId,
    string Scope,
    string EventKinds,
    string? Mention,
    bool IsActive,
    string? CreatedBy,
    DateTime CreatedAt);
