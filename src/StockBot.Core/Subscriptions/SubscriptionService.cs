using StockBot.Core.Alerts;
using StockBot.Core.Commands;
using StockBot.Core.Security;

namespace StockBot.Core.Subscriptions;

public sealed class SubscriptionService(
    StockBotDbContext db,
    TimeProvider time,
    IEnumerable<IChatPlatform>? platforms = null,
    SecretProtector? protector = null,
    IEnumerable<IWebhookPlatform>? webhookPlatforms = null)
{
    /// <summary>The longest webhook URL taken as typed (Discord's are about 120 characters).</summary>
    public const int MaxWebhookUrlLength = 500;

    public async Task<SubscriptionView> AddAsync(SubscriptionInput input, CancellationToken cancellationToken)
    {
        var platform = input.Platform;
        var webhook = ParseWebhook(input);
        if (webhook is null && string.IsNullOrWhiteSpace(input.ChannelId) && WebhookPlatform(platform) is not null)
        {
            throw new InputException("channel", $"must not be empty (or give a {platform.ToDb()} webhook URL instead)");
        }

        // A webhook posts to its own channel: its id stands for the channel, so one webhook per scope, as for channels.
        var channel = webhook?.Id ?? Validate.Name("channel", input.ChannelId, 100);
        if (input.WebsiteId is not null && input.MonitorConfigId is not null)
        {
            throw new InputException("scope", "give either a website or a monitor, not both");
        }

        if (input.WebsiteId is { } websiteId && !await db.Websites.AnyAsync(w => w.Id == websiteId, cancellationToken))
        {
            throw InputException.NotFound("website_id", "website", websiteId);
        }

        if (input.MonitorConfigId is { } monitorId && !await db.MonitorConfigs.AnyAsync(m => m.Id == monitorId, cancellationToken))
        {
            throw InputException.NotFound("monitor_id", "monitor", monitorId);
        }

        var kinds = EventKinds.Normalize(input.Events);
        var template = AlertTemplate.Check(input.Template);
        var mention = Validate.Optional("mention", input.Mention, 100);
        if (mention is not null && platforms?.FirstOrDefault(p => p.Platform == platform) is { } chat)
        {
            mention = chat.NormalizeMention(mention);
        }

        var timing = SubscriptionTiming.Of(input.DigestAfter, input.QuietHours, input.TimeZone);
        var existing = await db.Subscriptions.FirstOrDefaultAsync(
            s => s.Platform == platform && s.ChannelId == channel
                && s.WebsiteId == input.WebsiteId && s.MonitorConfigId == input.MonitorConfigId,
            cancellationToken);
        if (existing is { IsActive: true })
        {
            throw webhook is null
                ? InputException.Duplicate("channel", $"{platform.ToDb()} channel {channel} is already subscribed to {ScopeOf(existing)} (subscription {existing.Id})")
                : InputException.Duplicate("webhook", $"{platform.ToDb()} webhook {channel} is already subscribed to {ScopeOf(existing)} (subscription {existing.Id})");
        }

        var sealedUrl = webhook is null ? null : Protector.Protect(webhook.Url);
        var now = time.GetUtcNow().UtcDateTime;
        Subscription subscription;
        if (existing is not null)
        {
            // A channel that was gone and comes back takes its old row again, so there is one per scope.
            subscription = existing;
            subscription.IsActive = true;
            subscription.LastError = null;
            subscription.LastErrorAt = null;
            subscription.EventKinds = kinds;
            subscription.Mention = mention;
            subscription.ThreadId = input.ThreadId;
            subscription.Template = template;
            subscription.WebhookUrlEncrypted = sealedUrl;
            subscription.CreatedBy = input.CreatedBy;
            subscription.CreatedAt = now;
            subscription.IsPersonal = input.IsPersonal;
            subscription.NoticePending = false;
            timing.ApplyTo(subscription);
        }
        else
        {
            subscription = new Subscription
            {
                Platform = platform,
                ChannelId = channel,
                WebsiteId = input.WebsiteId,
                MonitorConfigId = input.MonitorConfigId,
                EventKinds = kinds,
                Mention = mention,
                ThreadId = input.ThreadId,
                Template = template,
                WebhookUrlEncrypted = sealedUrl,
                IsActive = true,
                IsPersonal = input.IsPersonal,
                CreatedBy = input.CreatedBy,
                CreatedAt = now,
            };
            timing.ApplyTo(subscription);
            db.Subscriptions.Add(subscription);
        }

        await db.SaveChangesAsync(cancellationToken);
        return View(subscription);
    }

    public async Task<IReadOnlyList<SubscriptionView>> ListAsync(Platform? platform, string? channelId, CancellationToken cancellationToken)
    {
        var query = db.Subscriptions.AsNoTracking();
        if (platform is not null)
        {
            query = query.Where(s => s.Platform == platform);
        }

        if (channelId is not null)
        {
            query = query.Where(s => s.ChannelId == channelId);
        }

        var rows = await query.OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return rows.Select(View).ToList();
    }

    /// <summary>`subscription update ID`: digest-after and quiet hours; checked like `add` checks them.</summary>
    public async Task<SubscriptionView> UpdateAsync(int id, SubscriptionUpdate update, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw InputException.NotFound("subscription_id", "subscription", id);
        SubscriptionTiming.Update(subscription, update);
        await db.SaveChangesAsync(cancellationToken);
        return View(subscription);
    }

    public async Task<SubscriptionView> RemoveAsync(int id, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw InputException.NotFound("subscription_id", "subscription", id);
        var view = View(subscription);
        db.Subscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return view;
    }

    /// <summary>
    /// A chat moved to a new id (a Telegram group upgraded to a supergroup): its subscriptions follow it, unless the new
    /// id already has one for the same scope, in which case the old one is the duplicate and is removed; its pending
    /// alerts go to the one that stays (unless that one has the same alert already), so none is lost.
    /// </summary>
    /// <returns>How many subscriptions now point at <paramref name="toChannelId"/>.</returns>
    public async Task<int> MoveChannelAsync(Platform platform, string fromChannelId, string toChannelId, CancellationToken cancellationToken)
    {
        var rows = await db.Subscriptions
            .Where(s => s.Platform == platform && (s.ChannelId == fromChannelId || s.ChannelId == toChannelId))
            .ToListAsync(cancellationToken);
        var taken = rows.Where(s => s.ChannelId == toChannelId).ToDictionary(s => (s.WebsiteId, s.MonitorConfigId));
        foreach (var subscription in rows.Where(s => s.ChannelId == fromChannelId))
        {
            if (taken.TryGetValue((subscription.WebsiteId, subscription.MonitorConfigId), out var kept))
            {
                await HandOverPendingAsync(subscription, kept, cancellationToken);
                db.Subscriptions.Remove(subscription);
                continue;
            }

            subscription.ChannelId = toChannelId;
            taken.Add((subscription.WebsiteId, subscription.MonitorConfigId), subscription);
        }

        await db.SaveChangesAsync(cancellationToken);
        return taken.Count;
    }

    private async Task HandOverPendingAsync(Subscription from, Subscription to, CancellationToken cancellationToken)
    {
        var pending = await db.AlertDeliveries.Where(d => d.SubscriptionId == from.Id && d.Status == DeliveryStatus.Pending).ToListAsync(cancellationToken);
        var alreadyThere = (await db.AlertDeliveries.Where(d => d.SubscriptionId == to.Id).Select(d => d.MonitorHistoryId).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var delivery in pending.Where(d => alreadyThere.Add(d.MonitorHistoryId)))
        {
            delivery.SubscriptionId = to.Id;
            delivery.Subscription = to;
        }
    }

    private SecretProtector Protector =>
        protector ?? throw new InvalidOperationException("SubscriptionService needs the SecretProtector to store a webhook URL.");

    internal SubscriptionView View(Subscription s) => new(
        s.Id, s.Platform.ToDb(), s.ChannelId, s.WebsiteId, s.MonitorConfigId, ScopeOf(s), s.EventKinds, s.Mention, s.IsActive, s.CreatedBy, s.CreatedAt,
        s.WebhookUrlEncrypted is null ? null : WebhookPlatform(s.Platform)?.Masked(s.ChannelId) ?? "****")
    {
        LastError = s.LastError,
        LastErrorAt = s.LastErrorAt,
        Template = s.Template,
        DigestAfter = s.DigestAfter,
        QuietHours = s.QuietHours,
        TimeZone = s.TimeZone,
        Personal = s.IsPersonal,
    };

    /// <summary>The webhook of a webhook target, checked by its platform; null when the input names a channel instead.</summary>
    private WebhookAddress? ParseWebhook(SubscriptionInput input)
    {
        var url = Validate.Optional("webhook", input.WebhookUrl, MaxWebhookUrlLength);
        if (url is null)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(input.ChannelId))
        {
            throw new InputException("webhook", "give a channel or a webhook, not both (a webhook posts to the channel it was made in)");
        }

        var webhooks = WebhookPlatform(input.Platform)
            ?? throw new InputException("webhook", $"{input.Platform.ToDb()} has no webhooks; webhook targets are for {string.Join(", ", (webhookPlatforms ?? []).Select(w => w.Platform.ToDb()).DefaultIfEmpty("no platform here"))}");
        return webhooks.Parse(url);
    }

    private IWebhookPlatform? WebhookPlatform(Platform platform) => webhookPlatforms?.FirstOrDefault(w => w.Platform == platform);

    internal static string ScopeOf(Subscription s) =>
        s.MonitorConfigId is { } m ? $"monitor {m}" : s.WebsiteId is { } w ? $"website {w}" : "everything";
}
