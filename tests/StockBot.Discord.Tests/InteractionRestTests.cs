using StockBot.Discord.Protocol;
using StockBot.Discord.Rest;
using StockBot.Testing.Discord;

namespace StockBot.Discord.Tests;

/// <summary>Interaction answers in the REST pipeline: never held by pauses meant for other routes, never past their deadline, buckets per token.</summary>
public sealed class InteractionRestTests
{
    private const string Channel = "712000000000000001";
    private static readonly MessagePayload Body = new([], AllowedMentions.None, "hello");
    private static readonly InteractionCallback<MessagePayload> Pong = new(InteractionCallbackType.Pong);

    [Fact]
    public async Task Callback_DuringAGlobal429Pause_GoesOutAtOnce()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.Fake.Script("POST", Channel, FakeDiscordResponse.GlobalRateLimited(2.5));
        var rest = harness.Get<DiscordRestClient>();
        var limited = rest.SendJsonAsync(DiscordRoute.CreateMessage(Channel), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);
        var first = await harness.Fake.WaitForRequestAsync("POST", Channel);
        await harness.Fake.WaitAsync(() => harness.Logs.GetSnapshot().FirstOrDefault(l => l.Message.Contains("Discord rate limit on", StringComparison.Ordinal))?.Message, null, "the 429 logged");

        var id = harness.Fake.NextId();
        await rest.SendJsonAsync(DiscordRoute.InteractionCallback(id, "token-a", DateTimeOffset.UtcNow.AddSeconds(3)), Pong, DiscordJsonContext.Default.InteractionCallbackMessagePayload, CancellationToken.None);
        await limited;

        var callback = await harness.Fake.WaitForRequestAsync("POST", $"/interactions/{id}/");
        Assert.True(callback.ReceivedAt - first.ReceivedAt < TimeSpan.FromSeconds(2), $"the callback waited {(callback.ReceivedAt - first.ReceivedAt).TotalMilliseconds} ms behind the global pause");
    }

    [Fact]
    public async Task Callback_DuringTheInvalidRequestPause_GoesOutAtOnce()
    {
        await using var harness = await DiscordClientHarness.StartAsync(s => s["Discord:MaxRateLimitWait"] = "00:00:00.200");
        var rest = harness.Get<DiscordRestClient>();
        for (var n = 0; n < 5; n++)
        {
            var channel = $"7130000000000000{n:00}";
            harness.Fake.Script("POST", channel, FakeDiscordResponse.Forbidden());
            await rest.SendJsonAsync(DiscordRoute.CreateMessage(channel), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);
        }

        var held = await rest.SendJsonAsync(DiscordRoute.CreateMessage(Channel), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);
        var id = harness.Fake.NextId();
        var callback = await rest.SendJsonAsync(DiscordRoute.InteractionCallback(id, "token-b", DateTimeOffset.UtcNow.AddSeconds(3)), Pong, DiscordJsonContext.Default.InteractionCallbackMessagePayload, CancellationToken.None);

        Assert.True(held.NotSent, "other routes are paused");
        Assert.NotEqual(0, callback.StatusCode);
        Assert.Single(harness.Fake.RequestsTo("POST", $"/interactions/{id}/"));
    }

    [Fact]
    public async Task Callback_PastItsDeadline_IsDroppedWithoutARequest()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        var rest = harness.Get<DiscordRestClient>();

        var callback = await rest.SendJsonAsync(DiscordRoute.InteractionCallback("1", "token-c", DateTimeOffset.UtcNow.AddMilliseconds(-1)), Pong, DiscordJsonContext.Default.InteractionCallbackMessagePayload, CancellationToken.None);
        var edit = await rest.SendJsonAsync(DiscordRoute.EditOriginalResponse("9", "token-c", DateTimeOffset.UtcNow.AddMilliseconds(-1)), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);

        Assert.True(callback.Expired);
        Assert.True(edit.Expired);
        Assert.Empty(harness.Fake.Requests);
        Assert.Contains(harness.Logs.GetSnapshot(), l => l.Message.Contains("dropped unsent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Edit_AnotherInteractionsBucketExhausted_DoesNotWait()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.Fake.Script("PATCH", "/token-one/", FakeDiscordResponse.WithBucket("""{"id":"1"}""", limit: 5, remaining: 0, resetAfter: 2.5, bucket: "webhook-bucket"));
        var rest = harness.Get<DiscordRestClient>();
        var app = harness.Fake.ApplicationId;

        await rest.SendJsonAsync(DiscordRoute.EditOriginalResponse(app, "token-one"), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);
        await rest.SendJsonAsync(DiscordRoute.EditOriginalResponse(app, "token-two"), Body, DiscordJsonContext.Default.MessagePayload, CancellationToken.None);

        var one = await harness.Fake.WaitForRequestAsync("PATCH", "/token-one/");
        var two = await harness.Fake.WaitForRequestAsync("PATCH", "/token-two/");
        Assert.True(two.ReceivedAt - one.ReceivedAt < TimeSpan.FromSeconds(2), $"the other interaction's edit waited {(two.ReceivedAt - one.ReceivedAt).TotalMilliseconds} ms");
    }
}
