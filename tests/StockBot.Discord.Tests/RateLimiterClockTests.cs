using System.Net;
using Microsoft.Extensions.Time.Testing;
using StockBot.Discord.Protocol;
using StockBot.Discord.Rest;

namespace StockBot.Discord.Tests;

/// <summary>
/// The limiter's own clock against Discord's: Discord counts a request when it arrives, which can be
/// anywhere between our send and its answer, and rounds its reset times to the millisecond.
/// </summary>
public sealed class RateLimiterClockTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-02T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task AcquireAsync_FullSecondAnsweredLate_WaitsOneSecondFromTheAnswersNotFromTheSends()
    {
        var limiter = new DiscordRateLimiter(time, new DiscordOptions());
        var routes = Enumerable.Range(0, DiscordLimits.GlobalRequestsPerSecond).Select(i => DiscordRoute.CreateMessage($"74000000000000{i:D4}")).ToList();
        foreach (var route in routes)
        {
            Assert.Null(await limiter.AcquireAsync(route, TimeSpan.Zero, CancellationToken.None));
        }

        // Slow answers: Discord may have counted the last of them just now.
        time.Advance(TimeSpan.FromMilliseconds(300));
        routes.ForEach(limiter.Finished);
        time.Advance(TimeSpan.FromMilliseconds(750));

        var wait = await limiter.AcquireAsync(DiscordRoute.CreateMessage("740000000000009999"), TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMilliseconds(250), wait);
    }

    [Fact]
    public async Task AcquireAsync_FullSecondStillInFlight_HoldsTheNextRequest()
    {
        var limiter = new DiscordRateLimiter(time, new DiscordOptions());
        for (var i = 0; i < DiscordLimits.GlobalRequestsPerSecond; i++)
        {
            Assert.Null(await limiter.AcquireAsync(DiscordRoute.CreateMessage($"74000000000000{i:D4}"), TimeSpan.Zero, CancellationToken.None));
        }

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.NotNull(await limiter.AcquireAsync(DiscordRoute.CreateMessage("740000000000009999"), TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task AcquireAsync_BucketEmptyWithResetRoundedDown_WaitsPastTheMillisecondItWasRoundedTo()
    {
        var limiter = new DiscordRateLimiter(time, new DiscordOptions());
        var route = DiscordRoute.CreateMessage("740000000000000001");
        Assert.Null(await limiter.AcquireAsync(route, TimeSpan.Zero, CancellationToken.None));
        using var answer = new HttpResponseMessage(HttpStatusCode.OK);
        answer.Headers.Add("X-RateLimit-Limit", "5");
        answer.Headers.Add("X-RateLimit-Remaining", "0");
        answer.Headers.Add("X-RateLimit-Reset-After", "1.999");
        answer.Headers.Add("X-RateLimit-Bucket", "abc");
        limiter.Update(route, answer.StatusCode, answer.Headers, "{}");
        limiter.Finished(route);

        time.Advance(TimeSpan.FromMilliseconds(1999));

        Assert.Equal(TimeSpan.FromMilliseconds(1), await limiter.AcquireAsync(route, TimeSpan.Zero, CancellationToken.None));
    }
}
