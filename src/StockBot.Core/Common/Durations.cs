using System.Text.RegularExpressions;

namespace StockBot.Core.Common;

/// <summary>Durations as people type them: "90s", "10m", "2h", "1d", "1h30m", or "02:00:00".</summary>
public static partial class Durations
{
    /// <summary>The duration <paramref name="value"/> names; bad input (naming <paramref name="field"/>) when it names none.</summary>
    public static TimeSpan Parse(string field, string value) =>
        TryParse(value, out var duration) ? duration
        : throw new InputException(field, $"'{value}' is not a duration (for example 90s, 10m, 2h, 1d, 1h30m or 02:00:00)");

    public static bool TryParse(string? value, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
        }

        var match = Units().Match(text);
        if (!match.Success)
        {
            return false;
        }

        foreach (Capture part in match.Groups["part"].Captures)
        {
            var number = int.Parse(part.Value[..^1], CultureInfo.InvariantCulture);
            duration += char.ToLowerInvariant(part.Value[^1]) switch
            {
                'd' => TimeSpan.FromDays(number),
                'h' => TimeSpan.FromHours(number),
                'm' => TimeSpan.FromMinutes(number),
                _ => TimeSpan.FromSeconds(number),
            };
        }

        return true;
    }

    /// <summary>"2h", "1h30m", "45s": the shortest way to say it.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = string.Concat(
            duration.Days > 0 ? $"{duration.Days}d" : string.Empty,
            duration.Hours > 0 ? $"{duration.Hours}h" : string.Empty,
            duration.Minutes > 0 ? $"{duration.Minutes}m" : string.Empty,
            duration.Seconds > 0 ? $"{duration.Seconds}s" : string.Empty);
        return text;
    }

    [GeneratedRegex(@"^(?<part>\d{1,6}[dhms])+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Units();
}
