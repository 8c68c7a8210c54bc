using StockBot.Core.Common;

namespace StockBot.Core.Websites;

/// <summary>`website pause ID --until DATETIME|DURATION`: a maintenance pause, read as an instant in UTC.</summary>
public static class WebsitePause
{
    public const string UntilFlag = "until";

    public static readonly TimeSpan MaxPause = TimeSpan.FromDays(30);

    /// <summary>
    /// "2h" (from now), or a date and time: ISO 8601 with an offset ("2026-12-03T06:00+01:00"), or without one taken
    /// as UTC ("2026-12-03 06:00"). It must be in the future and at most 30 days away.
    /// </summary>
    public static DateTime Until(string value, DateTime nowUtc)
    {
        DateTime until;
        if (Durations.TryParse(value, out var duration))
        {
            until = nowUtc + duration;
        }
        else if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var at))
        {
            until = at.UtcDateTime;
        }
        else
        {
            throw new InputException(UntilFlag, $"'{value}' is neither a duration (2h, 30m, 1d) nor a date and time (2026-12-03T06:00Z)");
        }

        if (until <= nowUtc || until - nowUtc > MaxPause)
        {
            throw new InputException(UntilFlag, "must be in the future and at most 30 days from now");
        }

        return until;
    }

    /// <summary>True while the website is paused: it is not read, its errors are not counted.</summary>
    public static bool IsPaused(DateTime? pausedUntil, DateTime nowUtc) => pausedUntil is { } until && until > nowUtc;

    /// <summary>When the pause ends, while it lasts; null once it is over (or there is none).</summary>
    public static DateTime? Active(DateTime? pausedUntil, DateTime nowUtc) => IsPaused(pausedUntil, nowUtc) ? pausedUntil : null;
}
