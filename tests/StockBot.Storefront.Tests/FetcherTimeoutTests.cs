using System.Net;
using Microsoft.Extensions.Logging.Abstractions;

namespace StockBot.Storefront.Tests;

/// <summary>The fetcher keeps one timeout source between a read's requests: each request still gets the whole timeout.</summary>
public sealed class FetcherTimeoutTests
{
    private static readonly Uri Store = new("https://billing.example.com/cart.php?gid=1");

    [Fact]
    public async Task GetAsync_SlowAnswerAfterFastOnes_TimesOutAndTheNextRequestIsAnswered()
    {
        using var handler = new ScriptedHandler();
        var fetcher = Fetcher(handler, TimeSpan.FromMilliseconds(300));
        var site = new StorefrontSite(new Uri("https://billing.example.com"));

        var first = await fetcher.GetAsync(site, Store, CancellationToken.None);
        var second = await fetcher.GetAsync(site, Store, CancellationToken.None);
        handler.Hang = true;
        var slow = await fetcher.GetAsync(site, Store, CancellationToken.None);
        handler.Hang = false;
        var after = await fetcher.GetAsync(site, Store, CancellationToken.None);

        Assert.Equal((200, 200), (first.Page!.Status, second.Page!.Status));
        Assert.Equal(StorefrontFailureKind.Timeout, slow.Failure!.Kind);
        Assert.Equal(200, after.Page!.Status);
    }

    [Fact]
    public async Task GetAsync_ManyRequestsEachShorterThanTheTimeout_NoneTimesOut()
    {
        // Each request takes 60 % of the timeout: a source whose timer was not set afresh would fire in the second.
        using var handler = new ScriptedHandler { Delay = TimeSpan.FromMilliseconds(180) };
        var fetcher = Fetcher(handler, TimeSpan.FromMilliseconds(300));
        var site = new StorefrontSite(new Uri("https://billing.example.com"));

        var results = new List<PageResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await fetcher.GetAsync(site, Store, CancellationToken.None));
        }

        Assert.All(results, r => Assert.Null(r.Failure));
    }

    [Fact]
    public async Task GetAsync_CallerCancelsDuringARequest_ThrowsAndTheNextRequestIsAnswered()
    {
        using var handler = new ScriptedHandler { Hang = true };
        var fetcher = Fetcher(handler, TimeSpan.FromSeconds(30));
        var site = new StorefrontSite(new Uri("https://billing.example.com"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.GetAsync(site, Store, cancel.Token));
        handler.Hang = false;
        var after = await fetcher.GetAsync(site, Store, CancellationToken.None);

        Assert.Equal(200, after.Page!.Status);
    }

    private static StorefrontFetcher Fetcher(HttpMessageHandler handler, TimeSpan timeout) =>
        new(new HttpClient(handler), new HostGates(TimeProvider.System), new StorefrontOptions { MinRequestGap = TimeSpan.Zero, RequestTimeout = timeout },
            TimeProvider.System, NullLogger.Instance);

    private sealed class ScriptedHandler : HttpMessageHandler
    {
        public bool Hang { get; set; }

        public TimeSpan Delay { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Hang)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }

            await Task.Delay(Delay, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("<html><body><div id=\"order-standard_cart\"></div></body></html>"),
            };
        }
    }
}
