using Microsoft.Extensions.Time.Testing;
using StockBot.Simulator.Storefront;

namespace StockBot.Storefront.Tests;

public sealed class PolitenessTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData(StorefrontTemplate.StandardCart, false)]
    [InlineData(StorefrontTemplate.StandardCart, true)]
    [InlineData(StorefrontTemplate.LagomRestockNotifier, true)]
    public async Task ReadAsync_EveryRequest_AsksForEnglishWithABrowserUserAgent(StorefrontTemplate template, bool modern)
    {
        var store = Shop.Open(fixture.Simulator, template, modern);
        using var host = ReaderHost.Create();

        await host.Reader.ReadAsync(store.WebsiteUrl, [.. Shop.All, 999], CancellationToken.None);

        Assert.True(store.Storefront.RequestCount > 3);
        Assert.All(store.Storefront.Requests, r =>
        {
            Assert.True(r.InEnglish, r.Path + r.Query);
            Assert.StartsWith("Mozilla/5.0", r.UserAgent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task ReadAsync_TwoWebsitesOnOneHost_OneRequestInFlightAndTheGapBetween()
    {
        var first = Shop.Open(fixture.Simulator);
        var second = Shop.Open(fixture.Simulator, StorefrontTemplate.CloudSlider);
        first.Storefront.Latency = TimeSpan.FromMilliseconds(30);
        second.Storefront.Latency = TimeSpan.FromMilliseconds(30);
        var gap = TimeSpan.FromMilliseconds(200);
        using var host = ReaderHost.Create(o => o.MinRequestGap = gap);

        await Task.WhenAll(
            host.Reader.ReadAsync(first.WebsiteUrl, [Shop.InWithCount, Shop.Out], CancellationToken.None),
            host.Reader.ReadAsync(second.WebsiteUrl, [Shop.InWithCount, Shop.Out], CancellationToken.None));

        var requests = first.Storefront.Requests.Concat(second.Storefront.Requests).OrderBy(r => r.Arrived).ToList();
        Assert.Contains(first.Storefront.Requests, r => true);
        Assert.Contains(second.Storefront.Requests, r => true);
        for (var i = 1; i < requests.Count; i++)
        {
            // Never two at once, and a quiet time between them (loose bound: timers are not exact).
            Assert.True(requests[i].Arrived >= requests[i - 1].Answered, $"request {i} overlapped the one before");
            Assert.True(requests[i].Arrived - requests[i - 1].Answered >= gap * 0.75, $"request {i} came {(requests[i].Arrived - requests[i - 1].Answered).TotalMilliseconds} ms after the one before");
        }
    }

    [Fact]
    public async Task ReadAsync_SlowHost_OtherHostDoesNotWait()
    {
        var slow = Shop.Open(fixture.Simulator);
        var fast = Shop.Open(fixture.Simulator);
        slow.Storefront.Latency = TimeSpan.FromSeconds(3);
        using var host = ReaderHost.Create();
        // The same listener under another host name is another host to the reader.
        var fastUrl = new UriBuilder(fast.WebsiteUrl) { Host = "localhost" }.Uri;

        var slowRead = host.Reader.ReadAsync(slow.WebsiteUrl, [Shop.InWithCount], CancellationToken.None);
        var fastResult = await host.Reader.ReadAsync(fastUrl, [Shop.InWithCount], CancellationToken.None);

        Assert.Equal(StorefrontAvailability.In, fastResult.Get(Shop.InWithCount).Availability);
        Assert.False(slowRead.IsCompleted);
        Assert.Equal(StorefrontAvailability.In, (await slowRead).Get(Shop.InWithCount).Availability);
    }

    [Fact]
    public async Task ReadAsync_RetryAfter_HostPausedForThatLongThenReadAgain()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var store = Shop.Open(fixture.Simulator);
        store.Storefront.Fault = StorefrontFault.RateLimited;
        store.Storefront.RetryAfter = TimeSpan.FromSeconds(30);
        using var host = ReaderHost.Create(time: time);

        var limited = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);
        store.Storefront.Fault = StorefrontFault.None;
        var paused = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);
        var requestsWhilePaused = store.Storefront.RequestCount;
        time.Advance(TimeSpan.FromSeconds(31));
        var resumed = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);

        Assert.Equal(StorefrontFailureKind.RateLimited, limited.Failure!.Kind);
        Assert.Contains("asked to wait 30 s", limited.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(StorefrontFailureKind.RateLimited, paused.Failure!.Kind);
        Assert.Contains("paused until 12:00:30 UTC", paused.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, requestsWhilePaused);
        Assert.True(resumed.IsSuccess, resumed.Failure?.Message);
        Assert.Equal(StorefrontAvailability.In, resumed.Get(Shop.InWithCount).Availability);
    }

    [Fact]
    public async Task ReadAsync_MaintenanceWithRetryAfter_HostPausedForThatLong()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var store = Shop.Open(fixture.Simulator);
        store.Storefront.Fault = StorefrontFault.Maintenance;
        store.Storefront.MaintenanceRetryAfter = TimeSpan.FromMinutes(2);
        using var host = ReaderHost.Create(time: time);

        var maintenance = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);
        store.Storefront.Fault = StorefrontFault.None;
        var paused = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        var resumed = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);

        Assert.Equal(StorefrontFailureKind.Maintenance, maintenance.Failure!.Kind);
        Assert.Contains("paused until 12:02:00 UTC", paused.Failure!.Message, StringComparison.Ordinal);
        Assert.True(resumed.IsSuccess, resumed.Failure?.Message);
    }

    [Fact]
    public async Task ReadAsync_StoreDefaultsToAnotherLanguage_StillReadsBecauseItAsksForEnglish()
    {
        var store = Shop.Open(fixture.Simulator);
        store.Storefront.DefaultLanguage = "german";
        using var host = ReaderHost.Create();

        using var http = new HttpClient();
        var page = await http.GetStringAsync(new Uri(store.WebsiteUrl + "/cart.php?gid=1"));
        var result = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount, Shop.Out], CancellationToken.None);

        Assert.Contains("5 Verfügbar", page, StringComparison.Ordinal);
        Assert.Equal((StorefrontAvailability.In, (int?)5), (result.Get(Shop.InWithCount).Availability, result.Get(Shop.InWithCount).Quantity));
        Assert.Equal(StorefrontAvailability.Out, result.Get(Shop.Out).Availability);
    }

    [Fact]
    public async Task ReadAsync_TwoWebsitesOnOneHost_EachKeepsItsOwnSessionCookie()
    {
        var first = Shop.Open(fixture.Simulator);
        var second = Shop.Open(fixture.Simulator);
        using var host = ReaderHost.Create();

        await host.Reader.ReadAsync(first.WebsiteUrl, [Shop.InWithCount], CancellationToken.None);
        await host.Reader.ReadAsync(second.WebsiteUrl, [Shop.InWithCount], CancellationToken.None);
        await host.Reader.ReadAsync(first.WebsiteUrl, [Shop.InWithCount], CancellationToken.None);
        await host.Reader.ReadAsync(second.WebsiteUrl, [Shop.InWithCount], CancellationToken.None);

        var firstCookies = first.Storefront.Requests.Select(r => r.Cookie).ToList();
        var secondCookies = second.Storefront.Requests.Select(r => r.Cookie).ToList();
        Assert.Null(firstCookies[0]);
        Assert.Null(secondCookies[0]);
        Assert.All(firstCookies.Skip(1), c => Assert.Equal($"WHMCSsim=s{first.Id}-1", c));
        Assert.All(secondCookies.Skip(1), c => Assert.Equal($"WHMCSsim=s{second.Id}-1", c));
    }

    [Fact]
    public async Task ReadAsync_Logs_HostAndPathOnlyNeverTheQuery()
    {
        var store = Shop.Open(fixture.Simulator, StorefrontTemplate.StandardCart, modern: true);
        using var host = ReaderHost.Create();

        await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);

        Assert.Contains(host.Logs.Lines, l => l.Contains("/cart.php: HTTP 200", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains('?', StringComparison.Ordinal) || l.Contains("language=", StringComparison.Ordinal));
    }
}
