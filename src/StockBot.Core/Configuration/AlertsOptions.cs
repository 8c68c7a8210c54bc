using System.ComponentModel.DataAnnotations;

namespace StockBot.Core.Configuration;

public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>An alert older than this (from its event) when its turn comes is `expired`, not sent: no stale news.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Alerts:MaxAge must be between 00:01:00 and 30.00:00:00.")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many active personal follows (`/follow`) one user may have on one platform.</summary>
    [Range(1, 1000, ErrorMessage = "Alerts:MaxFollowsPerUser must be between 1 and 1000.")]
    public int MaxFollowsPerUser { get; set; } = DefaultMaxFollowsPerUser;

    public const int DefaultMaxFollowsPerUser = 25;
}
