using System.Collections.Concurrent;
using StockBot.Core.Common;

namespace StockBot.Core.Monitoring;

/// <summary>
/// Keeps a website that failed authentication out of the next cycles for growing intervals:
/// WHMCS bans an IP that keeps sending bad credentials.
/// </summary>
public sealed class WebsiteBackoff(TimeProvider time)
{
    private static readonly ExponentialBackoff Rule = new(TimeSpan.FromMinutes(2), TimeSpan.FromHours(1));
    private readonly ConcurrentDictionary<int, (int Failures, DateTimeOffset Until)> entries = new();

    public bool IsBackedOff(int websiteId, out DateTimeOffset until)
    {
        until = default;
        if (entries.TryGetValue(websiteId, out var entry) && entry.Until > time.GetUtcNow())
        {
            until = entry.Until;
            return true;
        }

        return false;
    }

    public TimeSpan RecordAuthenticationFailure(int websiteId)
    {
        var failures = entries.TryGetValue(websiteId, out var entry) ? entry.Failures + 1 : 1;
        var wait = Rule.After(failures);
        entries[websiteId] = (failures, time.GetUtcNow() + wait);
        return wait;
    }

    public void RecordSuccess(int websiteId) => entries.TryRemove(websiteId, out _);
}
