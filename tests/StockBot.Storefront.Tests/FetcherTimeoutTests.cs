using System.Net;
using Microsoft.Extensions.Logging.Abstractions;

namespace StockBot.Storefront.Tests;

/// <summary>
/// The fetcher keeps one timeout source between a read's requests: each request still gets the whole timeout. Real
/// timers (a source on a fake clock is never reused: only the system's timer can be reset), so each test leaves a
/// loaded machine seconds of slack where a late timer or a slow answer could only make a broken source show.
/// </summary>
public sealed class FetcherTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private static readonly Uri Store = new("https://billing.example.com/cart.php?gid=1");

    [Fact]
    public async Task GetAsync_SlowAnswerAfterFastOnes_TimesOutAndTheNextRequestIsAnswered()
    {
        using var handler = new ScriptedHandler();
        var fetcher = Fetcher(handler, Timeout);
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
    public async Task GetAsync_ManyRequestsTogetherLongerThanTheTimeout_NoneTimesOut()
    {
        // The requests are quick, the wait between them longer than the timeout: a source whose timer still ran from
        // an earlier request would have fired in the wait and fail the next request at once.
        using var handler = new ScriptedHandler();
        var fetcher = Fetcher(handler, Timeout);
        var site = new StorefrontSite(new Uri("https://billing.example.com"));

        var results = new List<PageResult> { await fetcher.GetAsync(site, Store, CancellationToken.None) };
        await Task.Delay(Timeout + TimeSpan.FromMilliseconds(500));
        for (var i = 0; i < 3; i++)
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

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // As SocketsHttpHandler does: a request sent with a cancelled token fails before it is written.
            cancellationToken.ThrowIfCancellationRequested();
            if (Hang)
            {
                // Long past the timeout: only the fetcher's timeout (or the caller) ends this.
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("<html><body><div id=\"order-standard_cart\"></div></body></html>"),
            };
        }
    }
}
