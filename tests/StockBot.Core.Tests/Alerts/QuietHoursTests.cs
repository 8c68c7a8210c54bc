using System.Globalization;
using StockBot.Core.Alerts;

namespace StockBot.Core.Tests.Alerts;

public sealed class QuietHoursTests
{
    [Theory]
    [InlineData("2026-12-02T20:59:00Z", null)]
    [InlineData("2026-12-02T21:00:00Z", "2026-12-03T06:00:00Z")]
    [InlineData("2026-12-02T23:30:00Z", "2026-12-03T06:00:00Z")]
    [InlineData("2026-12-03T05:59:00Z", "2026-12-03T06:00:00Z")]
    [InlineData("2026-12-03T06:00:00Z", null)]
    public void WindowEnd_AcrossMidnightInBerlinWinter_EndsAtSevenLocal(string utc, string? expected)
    {
        var quiet = QuietHours.Parse("22:00-07:00", "Europe/Berlin");

        var end = quiet.WindowEnd(DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));

        Assert.Equal(expected is null ? null : DateTime.Parse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), end);
    }

    [Fact]
    public void WindowEnd_SummerTime_FollowsTheZonesOffset()
    {
        var quiet = QuietHours.Parse("22:00-07:00", "Europe/Berlin");

        Assert.Equal(new DateTime(2026, 7, 2, 5, 0, 0, DateTimeKind.Utc), quiet.WindowEnd(new DateTime(2026, 7, 1, 20, 30, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void IsQuiet_SameDayRangeInUtc_OnlyInside()
    {
        var quiet = QuietHours.Parse("09:00-17:00", null);

        Assert.True(quiet.IsQuiet(new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc)));
        Assert.False(quiet.IsQuiet(new DateTime(2026, 12, 2, 17, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("09:00-17:00 UTC", quiet.ToString());
    }

    [Theory]
    [InlineData("22-07", "Europe/Berlin", "quiet")]
    [InlineData("25:00-07:00", "Europe/Berlin", "quiet")]
    [InlineData("22:00-07:00", "Europe/Nowhere", "timezone")]
    public void Parse_BadInput_NamesTheFlag(string range, string zone, string field)
    {
        var error = Assert.Throws<InputException>(() => QuietHours.Parse(range, zone));

        Assert.Equal(field, error.Field);
    }
}
