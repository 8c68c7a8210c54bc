using NodaTime;
using NodaTime.Text;

namespace StockBot.Core.Alerts;

/// <summary>
/// A subscription's quiet hours: a daily window "HH:MM-HH:MM" in an IANA time zone (NodaTime's tzdb), which may run
/// across midnight (22:00-07:00). Alerts due inside it are held, and go out as one digest when it ends.
/// </summary>
public sealed class QuietHours
{
    public const string QuietFlag = "quiet";
    public const string TimeZoneFlag = "timezone";

    private static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private QuietHours(LocalTime start, LocalTime end, DateTimeZone zone)
    {
        Start = start;
        End = end;
        Zone = zone;
    }

    public LocalTime Start { get; }

    public LocalTime End { get; }

    public DateTimeZone Zone { get; }

    /// <summary>"22:00-07:00 Europe/Berlin".</summary>
    public override string ToString() => $"{Describe(Start, End)} {Zone.Id}";

    /// <summary>The stored form of the range, "22:00-07:00".</summary>
    public string Range => Describe(Start, End);

    /// <summary>The quiet hours of a subscription, or null when it has none (or the stored zone is unknown here).</summary>
    public static QuietHours? Of(Subscription subscription) =>
        subscription.QuietHours is { Length: > 0 } range && TryParse(range, subscription.TimeZone, out var quiet) ? quiet : null;

    /// <summary>Checks `--quiet` and `--timezone` as typed: bad input names the flag and what is allowed.</summary>
    public static QuietHours Parse(string range, string? timeZone)
    {
        var zone = ZoneOf(timeZone)
            ?? throw new InputException(TimeZoneFlag, $"'{timeZone}' is not an IANA time zone (for example Europe/Berlin, America/New_York, UTC)");
        if (!TryRange(range, out var start, out var end))
        {
            throw new InputException(QuietFlag, $"'{range}' is not a range HH:MM-HH:MM of two different times (for example 22:00-07:00)");
        }

        return new QuietHours(start, end, zone);
    }

    /// <summary>True when <paramref name="utc"/> falls inside the quiet window.</summary>
    public bool IsQuiet(DateTime utc) => WindowEnd(utc) is not null;

    /// <summary>When the quiet window that holds <paramref name="utc"/> ends (UTC), or null when that instant is not quiet.</summary>
    public DateTime? WindowEnd(DateTime utc)
    {
        var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(Zone).LocalDateTime;
        var time = local.TimeOfDay;
        LocalDate? endDate = Start < End
            ? time >= Start && time < End ? local.Date : null
            : time >= Start ? local.Date.PlusDays(1) : time < End ? local.Date : null;
        return endDate is { } date ? Zone.AtLeniently(date + End).ToDateTimeUtc() : null;
    }

    private static bool TryParse(string range, string? timeZone, out QuietHours quiet)
    {
        quiet = null!;
        if (ZoneOf(timeZone) is not { } zone || !TryRange(range, out var start, out var end))
        {
            return false;
        }

        quiet = new QuietHours(start, end, zone);
        return true;
    }

    private static DateTimeZone? ZoneOf(string? timeZone) =>
        string.IsNullOrWhiteSpace(timeZone) ? DateTimeZone.Utc : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone.Trim());

    private static bool TryRange(string range, out LocalTime start, out LocalTime end)
    {
        start = end = default;
        var parts = range.Trim().Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || Clock.Parse(parts[0]) is not { Success: true } from || Clock.Parse(parts[1]) is not { Success: true } to)
        {
            return false;
        }

        start = from.Value;
        end = to.Value;
        return start != end;
    }

    private static string Describe(LocalTime start, LocalTime end) => $"{Clock.Format(start)}-{Clock.Format(end)}";
}
