using Microsoft.Extensions.Time.Testing;
using StockBot.Core.Monitoring;

namespace StockBot.Core.Tests.Monitoring;

public sealed class WebsiteBackoffTests
{
    [Fact]
    public void RecordAuthenticationFailure_InARow_WaitsTwoMinutesDoublingToAnHour()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var backoff = new WebsiteBackoff(time);

        var waits = Enumerable.Range(0, 7).Select(_ => backoff.RecordAuthenticationFailure(7).TotalMinutes).ToList();

        Assert.Equal([2, 4, 8, 16, 32, 60, 60], waits);
        Assert.True(backoff.IsBackedOff(7, out var until));
        Assert.Equal(time.GetUtcNow().AddHours(1), until);
    }

    [Fact]
    public void RecordSuccess_AfterFailures_StartsAgainFromTwoMinutes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var backoff = new WebsiteBackoff(time);
        backoff.RecordAuthenticationFailure(7);
        backoff.RecordAuthenticationFailure(7);

        backoff.RecordSuccess(7);

        Assert.False(backoff.IsBackedOff(7, out _));
        Assert.Equal(TimeSpan.FromMinutes(2), backoff.RecordAuthenticationFailure(7));
    }
}
