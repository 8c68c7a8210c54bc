using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StockBot.Discord.Rest;
using StockBot.Testing.Discord;

namespace StockBot.Discord.Tests;

/// <summary>The DelegatingHandler on its own, between a plain HttpClient and the fake Discord.</summary>
public sealed class RateLimitHandlerTests : IAsyncLifetime
{
    private const string Channel = "740000000000000001";

    private readonly DiscordOptions settings = new() { Token = TestSettings.Token, MaxRateLimitWait = TimeSpan.FromSeconds(3) };
    private FakeDiscord fake = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeDiscord.StartAsync();
        var handler = new DiscordRateLimitHandler(new DiscordRateLimiter(TimeProvider.System, settings), Options.Create(settings), NullLogger<DiscordRateLimitHandler>.Instance)
        {
            InnerHandler = new SocketsHttpHandler(),
        };
        http = new HttpClient(handler) { BaseAddress = new Uri(fake.ApiBaseUrl + "/") };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await fake.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_Short429_RetriesOnceAfterRetryAfterAndPassesTheSuccessOn()
    {
        fake.Script("POST", Channel, FakeDiscordResponse.RateLimited(0.4));

        using var response = await http.SendAsync(Request());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requests = fake.RequestsTo("POST", Channel);
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(380));
        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    [Fact]
    public async Task SendAsync_TwoShort429s_ReturnsTheSecondWithItsRateLimitOnTheRequest()
    {
        fake.Script("POST", Channel, FakeDiscordResponse.RateLimited(0.2), FakeDiscordResponse.RateLimited(0.3));
        using var request = Request();

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(2, fake.RequestsTo("POST", Channel).Count);
        Assert.True(request.Options.TryGetValue(DiscordRateLimitHandler.RateLimit, out var limit));
        Assert.Equal(TimeSpan.FromSeconds(0.3), limit.RetryAfter);
        Assert.False(limit.Global);
    }

    [Fact]
    public async Task SendAsync_BucketClosedLongerThanTheMaximumWait_ThrowsWithoutSending()
    {
        fake.Script("POST", Channel, FakeDiscordResponse.RateLimited(30));
        using (await http.SendAsync(Request()))
        {
        }

        var held = await Assert.ThrowsAsync<DiscordRequestHeldBackException>(() => http.SendAsync(Request()));

        Assert.True(held.Wait > TimeSpan.FromSeconds(25));
        Assert.Single(fake.RequestsTo("POST", Channel));
    }

    [Fact]
    public async Task SendAsync_RequestWithoutRoute_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "gateway/bot");

        await Assert.ThrowsAsync<InvalidOperationException>(() => http.SendAsync(request));

        Assert.Empty(fake.Requests);
    }

    private static HttpRequestMessage Request()
    {
        var route = DiscordRoute.CreateMessage(Channel);
        var request = new HttpRequestMessage(route.Method, route.Path.TrimStart('/')) { Content = new StringContent("""{"content":"hello"}""") };
        request.Options.Set(DiscordRateLimitHandler.Route, route);
        return request;
    }
}
