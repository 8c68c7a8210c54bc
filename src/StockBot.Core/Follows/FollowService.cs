using Microsoft.Extensions.Options;
using StockBot.Core.Configuration;
using StockBot.Core.Subscriptions;

namespace StockBot.Core.Follows;

/// <summary>What `/follow` asks for: the follower, their private chat, one scope, and the subscription options.</summary>
public sealed record FollowInput(Platform Platform, string UserId, string ChannelId, int? WebsiteId, int? MonitorConfigId, string? Events = null)
{
    public string? QuietHours { get; init; }

    public string? TimeZone { get; init; }

    public int? DigestAfter { get; init; }
}

/// <summary>How `/follow` ended: a new follow, or the one the user had already (Already true, nothing written).</summary>
public sealed record FollowResult(SubscriptionView Follow, bool Already);

/// <summary>
/// Personal follows: subscription rows that belong to one user (is_personal, created_by) and post to their private
/// chat, so the outbox alerts them as it alerts any channel (one alert per change per chat). At most
/// Alerts:MaxFollowsPerUser active ones per user and platform; a follow the platform refused is turned off by the
/// dispatcher and its follower told once, on their next command (<see cref="TakeNoticeAsync"/>).
/// </summary>
public sealed class FollowService(StockBotDbContext db, SubscriptionService subscriptions, IOptions<AlertsOptions> options)
{
    public const string LimitSetting = "Alerts:MaxFollowsPerUser";

    public async Task<FollowResult> FollowAsync(FollowInput input, CancellationToken cancellationToken)
    {
        var same = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(
            s => s.Platform == input.Platform && s.ChannelId == input.ChannelId && s.IsActive
                && s.WebsiteId == input.WebsiteId && s.MonitorConfigId == input.MonitorConfigId,
            cancellationToken);
        if (same is not null)
        {
            // Followed already, or the private chat has a subscription of this scope: either way the alerts come already.
            return new FollowResult(subscriptions.View(same), Already: true);
        }

        var limit = options.Value.MaxFollowsPerUser;
        var count = await Mine(input.Platform, input.UserId).CountAsync(s => s.IsActive, cancellationToken);
        if (count >= limit)
        {
            throw new InputException("follow", $"you follow {count} things already, the most one person may ({LimitSetting} = {limit}); /unfollow one first");
        }

        var added = await subscriptions.AddAsync(
            new SubscriptionInput(input.Platform, input.ChannelId, input.WebsiteId, input.MonitorConfigId, input.Events, CreatedBy: input.UserId)
            {
                IsPersonal = true,
                QuietHours = input.QuietHours,
                TimeZone = input.TimeZone,
                DigestAfter = input.DigestAfter,
            },
            cancellationToken);
        return new FollowResult(added, Already: false);
    }

    /// <summary>The user's follows, in the order they were made (their alerts go in that order too).</summary>
    public async Task<IReadOnlyList<SubscriptionView>> ListAsync(Platform platform, string userId, CancellationToken cancellationToken)
    {
        var rows = await Mine(platform, userId).AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return rows.Select(subscriptions.View).ToList();
    }

    /// <summary>Removes the user's follow of that scope; null when they have none.</summary>
    public async Task<SubscriptionView?> UnfollowAsync(Platform platform, string userId, int? websiteId, int? monitorId, CancellationToken cancellationToken)
    {
        var follow = await Mine(platform, userId).FirstOrDefaultAsync(s => s.WebsiteId == websiteId && s.MonitorConfigId == monitorId, cancellationToken);
        if (follow is null)
        {
            return null;
        }

        return await subscriptions.RemoveAsync(follow.Id, cancellationToken);
    }

    /// <summary>
    /// The one line that tells the user which of their follows the platform refused since they last ran a command
    /// (null: none), marking them told.
    /// </summary>
    public async Task<string?> TakeNoticeAsync(Platform platform, string userId, CancellationToken cancellationToken)
    {
        var stopped = await Mine(platform, userId).Where(s => s.NoticePending).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        if (stopped.Count == 0)
        {
            return null;
        }

        foreach (var follow in stopped)
        {
            follow.NoticePending = false;
        }

        await db.SaveChangesAsync(cancellationToken);
        var scopes = string.Join(", ", stopped.Select(SubscriptionService.ScopeOf));
        var reason = stopped[0].LastError ?? "the platform refused the message";
        return stopped.Count == 1
            ? $"I turned off your follow of {scopes}: {reason}. Fix that, then /follow {scopes} again."
            : $"I turned off {stopped.Count} of your follows ({scopes}): {reason}. Fix that, then /follow them again.";
    }

    private IQueryable<Subscription> Mine(Platform platform, string userId) =>
        db.Subscriptions.Where(s => s.Platform == platform && s.CreatedBy == userId && s.IsPersonal);
}
