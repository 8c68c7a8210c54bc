using StockBot.Core.Common;

namespace StockBot.Core.Tests.Common;

public sealed class ExponentialBackoffTests
{
    private static readonly ExponentialBackoff TenSecondsToTenMinutes = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(6, 320)]
    [InlineData(7, 600)]
    [InlineData(1000, 600)]
    public void After_Failures_DoublesFromFirstUpToCap(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), TenSecondsToTenMinutes.After(failures));

    [Fact]
    public void AfterWithJitter_ManyDraws_StayWithinSpreadAndCap()
    {
        var random = new Random(42);
        var draws = Enumerable.Range(0, 200).Select(_ => TenSecondsToTenMinutes.AfterWithJitter(3, 0.2, random)).ToList();

        Assert.All(draws, d => Assert.InRange(d, TimeSpan.FromSeconds(32), TimeSpan.FromSeconds(48)));
        Assert.True(draws.Distinct().Count() > 10, "jitter should spread the waits");
        Assert.All(Enumerable.Range(0, 50).Select(_ => TenSecondsToTenMinutes.AfterWithJitter(100, 0.2, random)), d => Assert.True(d <= TimeSpan.FromMinutes(10)));
    }
}
