using StockBot.Core.Alerts;
using StockBot.Data.Entities;
using StockBot.Discord.Protocol;
using StockBot.Discord.Rest;
using StockBot.Testing.Discord;
using StockBot.Testing.Logging;

namespace StockBot.Discord.Tests;

public sealed class RestRateLimitTests
{
    private const string ChannelA = "710000000000000001";
    private const string ChannelB = "710000000000000002";

    private static readonly MessagePayload Body = new([], AllowedMentions.None, "hello");

    [Fact]
    public async Task SendAsync_BucketExhausted_SendsNothingBeforeTheReset()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.Fake.Script("POST", $"/channels/{ChannelA}/messages", FakeDiscordResponse.WithBucket("""{"id":"1"}""", limit: 5, remaining: 0, resetAfter: 2.0));
        var rest = harness.Get<DiscordRestClient>();

        var first = await rest.SendJsonAsync(DiscordRoute.CreateMessage(ChannelA), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);
        var other = await rest.SendJsonAsync(DiscordRoute.CreateMessage(ChannelB), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);
        var second = await rest.SendJsonAsync(DiscordRoute.CreateMessage(ChannelA), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);

        Assert.True(first.IsSuccess && other.IsSuccess && second.IsSuccess, $"first {first.StatusCode} {first.Error}, other {other.StatusCode} {other.Error}, second {second.StatusCode} {second.Error}");
        var a = harness.Fake.RequestsTo("POST", ChannelA);
        var b = Assert.Single(harness.Fake.RequestsTo("POST", ChannelB));
        Assert.Equal(2, a.Count);
        Assert.True(a[1].ReceivedAt - a[0].ReceivedAt >= TimeSpan.FromMilliseconds(1980), $"the second request came {(a[1].ReceivedAt - a[0].ReceivedAt).TotalMilliseconds} ms after the first");
        // A generous margin below the 2 s reset keeps this true on a loaded CI machine.
        Assert.True(b.ReceivedAt - a[0].ReceivedAt < TimeSpan.FromMilliseconds(1500), "another channel (another major parameter) does not wait");
    }

    [Fact]
    public async Task SendAsync_Route429_WaitsRetryAfterThenSucceeds()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.Fake.Script("POST", ChannelA, FakeDiscordResponse.RateLimited(0.5));
        var rest = harness.Get<DiscordRestClient>();

        var response = await rest.SendJsonAsync(DiscordRoute.CreateMessage(ChannelA), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);

        Assert.True(response.IsSuccess);
        var requests = harness.Fake.RequestsTo("POST", ChannelA);
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(480));
    }

    [Fact]
    public async Task SendAsync_Global429_PausesEveryRouteUntilRetryAfter()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.Fake.Script("POST", ChannelA, FakeDiscordResponse.GlobalRateLimited(0.7));
        var rest = harness.Get<DiscordRestClient>();

        var limited = rest.SendJsonAsync(DiscordRoute.CreateMessage(ChannelA), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);
        var firstA = await harness.Fake.WaitForRequestAsync("POST", ChannelA);
        // The client has learnt the global limit once it logs the 429; a fixed pause raced it on a loaded machine.
        await harness.Fake.WaitAsync(() => harness.Logs.GetSnapshot().FirstOrDefault(l => l.Message.Contains("Discord rate limit on", StringComparison.Ordinal))?.Message, null, "the 429 logged");
        var other = await rest.SendJsonAsync(DiscordRoute.CreateMessage(ChannelB), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);
        await limited;

        var b = Assert.Single(harness.Fake.RequestsTo("POST", ChannelB));
        Assert.True(other.IsSuccess);
        Assert.True(b.ReceivedAt - firstA.ReceivedAt >= TimeSpan.FromMilliseconds(680), $"another route went out {(b.ReceivedAt - firstA.ReceivedAt).TotalMilliseconds} ms after the global 429");
    }

    [Fact]
    public async Task SendAsync_Long429_ReportsRetryAfterWithoutRetrying()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.Fake.Script("POST", ChannelA, FakeDiscordResponse.RateLimited(30));
        var sender = harness.Get<IAlertSender>();

        var result = await sender.SendAsync(Alerts.Sample(AlertKind.Restock), new AlertTarget(1, Platform.Discord, ChannelA, null), CancellationToken.None);
        var again = await sender.SendAsync(Alerts.Sample(AlertKind.Restock), new AlertTarget(1, Platform.Discord, ChannelA, null), CancellationToken.None);

        Assert.Equal(AlertSendStatus.Retry, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
        Assert.Equal(AlertSendStatus.Retry, again.Status);
        Assert.True(again.RetryAfter > TimeSpan.FromSeconds(25), "the bucket stays closed until the reset, without asking Discord");
        Assert.Single(harness.Fake.RequestsTo("POST", ChannelA));
    }

    [Fact]
    public async Task SendAsync_ForbiddenAgainAndAgain_StopsAfterAHandfulInARow()
    {
        await using var harness = await DiscordClientHarness.StartAsync(s => s["Discord:MaxRateLimitWait"] = "00:00:00.200");
        var sender = harness.Get<IAlertSender>();
        var channels = Enumerable.Range(0, 12).Select(i => $"72000000000000{i:0000}").ToList();
        foreach (var channel in channels)
        {
            harness.Fake.Script("POST", channel, FakeDiscordResponse.Forbidden());
        }

        var results = new List<AlertSendResult>();
        foreach (var channel in channels)
        {
            results.Add(await sender.SendAsync(Alerts.Sample(AlertKind.Restock), new AlertTarget(1, Platform.Discord, channel, null), CancellationToken.None));
        }

        Assert.Equal(5, harness.Fake.RequestsTo("POST", "/channels/").Count);
        Assert.All(results.Take(5), r => Assert.Equal(AlertSendStatus.ChannelGone, r.Status));
        Assert.All(results.Skip(5), r => Assert.Equal(AlertSendStatus.Retry, r.Status));
        Assert.Contains(harness.Logs.GetSnapshot(), l => l.Message.Contains("in a row", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(403, AlertSendStatus.ChannelGone)]
    [InlineData(404, AlertSendStatus.ChannelGone)]
    [InlineData(502, AlertSendStatus.Retry)]
    [InlineData(500, AlertSendStatus.Retry)]
    public async Task SendAsync_ErrorStatus_MapsToGoneOrRetry(int status, AlertSendStatus expected)
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.Fake.Script("POST", ChannelA, status switch
        {
            403 => FakeDiscordResponse.Forbidden(),
            404 => FakeDiscordResponse.NotFound(),
            _ => new FakeDiscordResponse(status, "<html>oops</html>"),
        });

        var result = await harness.Get<IAlertSender>().SendAsync(Alerts.Sample(AlertKind.Purchase), new AlertTarget(1, Platform.Discord, ChannelA, null), CancellationToken.None);

        Assert.Equal(expected, result.Status);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public async Task SendAsync_NoAnswerWithinTheRequestTimeout_ReportsItWithoutRetrying()
    {
        await using var harness = await DiscordClientHarness.StartAsync(s => s["Discord:RequestTimeout"] = "00:00:00.300");
        harness.Fake.Script("POST", ChannelA, new FakeDiscordResponse(200, """{"id":"1"}""", Delay: TimeSpan.FromSeconds(3)));

        var response = await harness.Get<DiscordRestClient>().SendJsonAsync(DiscordRoute.CreateMessage(ChannelA), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);

        Assert.Equal(0, response.StatusCode);
        Assert.Equal("Discord did not answer in time", response.Error);
        Assert.Single(harness.Fake.RequestsTo("POST", ChannelA));
    }

    [Fact]
    public async Task SendAsync_DiscordUnreachable_Retries()
    {
        await using var harness = await DiscordClientHarness.StartAsync(s => s["Discord:ApiBaseUrl"] = "http://127.0.0.1:1/api/v10");

        var result = await harness.Get<IAlertSender>().SendAsync(Alerts.Sample(AlertKind.Restock), new AlertTarget(1, Platform.Discord, ChannelA, null), CancellationToken.None);

        Assert.Equal(AlertSendStatus.Retry, result.Status);
    }

    [Fact]
    public async Task SendAsync_Alert_PostsEmbedWithBotHeadersAndReturnsTheMessageId()
    {
        await using var harness = await DiscordClientHarness.StartAsync();

        var result = await harness.Get<IAlertSender>().SendAsync(Alerts.Sample(AlertKind.Restock), new AlertTarget(1, Platform.Discord, ChannelA, "<@&730000000000000001>"), CancellationToken.None);

        Assert.Equal(AlertSendStatus.Sent, result.Status);
        Assert.NotNull(result.ExternalMessageId);
        var request = Assert.Single(harness.Fake.RequestsTo("POST", $"/api/v10/channels/{ChannelA}/messages"));
        Assert.Equal($"Bot {TestSettings.Token}", request.Header("Authorization"));
        Assert.StartsWith("DiscordBot (", request.Header("User-Agent"), StringComparison.Ordinal);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("<@&730000000000000001>", request.Json.GetProperty("content").GetString());
        Assert.DoesNotContain(TestSettings.Token, harness.Logs.Transcript(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NotAChannelId_IsGoneWithoutARequest()
    {
        await using var harness = await DiscordClientHarness.StartAsync();

        var result = await harness.Get<IAlertSender>().SendAsync(Alerts.Sample(AlertKind.Restock), new AlertTarget(1, Platform.Discord, "#general", null), CancellationToken.None);

        Assert.Equal(AlertSendStatus.ChannelGone, result.Status);
        Assert.Empty(harness.Fake.Requests);
    }
}
