using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using StockBot.Core.Alerts;
using StockBot.Data.Entities;
using StockBot.Discord.Webhooks;
using StockBot.Testing.Discord;
using StockBot.Testing.Logging;

namespace StockBot.Discord.Tests.Webhooks;

/// <summary>The webhook sender as the host registers it (AddDiscordWebhooks, no token), against the strict fake of execute webhook.</summary>
public sealed class DiscordWebhookSenderTests : IAsyncLifetime
{
    private const string RoleId = "730000000000000009";
    private readonly FakeLogCollector logs = new();
    private FakeDiscordWebhooks fake = null!;
    private ServiceProvider services = null!;

    private IAlertSender Sender => services.GetServices<IAlertSender>().Single(s => s.SendsToWebhooks);

    public async Task InitializeAsync()
    {
        fake = await FakeDiscordWebhooks.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Discord:MaxRateLimitWait"] = "00:00:05",
        }).Build();
        services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(logs.CreateLoggerFactory())
            .AddLogging()
            .AddDiscordWebhooks()
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await fake.DisposeAsync();
    }

    [Fact]
    public async Task AddDiscordWebhooks_NoToken_RegistersADiscordSenderForWebhooks()
    {
        Assert.Equal(Platform.Discord, Sender.Platform);
        Assert.True(Sender.SendsToWebhooks);
        Assert.Single(services.GetServices<IAlertSender>());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task SendAsync_Restock_PostsTheBotsEmbedButtonAndRoleMentionWithWait()
    {
        var webhook = fake.Create();

        var result = await Sender.SendAsync(Alerts.Sample(AlertKind.Restock), Target(webhook, RoleId), CancellationToken.None);

        Assert.Equal(AlertSendStatus.Sent, result.Status);
        var posted = Assert.Single(fake.Delivered);
        Assert.Equal("?wait=true&with_components=true", posted.Query);
        Assert.NotNull(result.ExternalMessageId);
        var json = posted.Json;
        Assert.Equal($"<@&{RoleId}>", json.GetProperty("content").GetString());
        Assert.Equal(RoleId, json.GetProperty("allowed_mentions").GetProperty("roles")[0].GetString());
        Assert.Contains("More stock: VPS Small 2GB", json.GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://billing.example.com/cart.php?a=add&pid=101", json.GetProperty("components")[0].GetProperty("components")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task SendAsync_PlainForm_PostsTextOnlyWithoutEmbedButtonOrPing()
    {
        var webhook = fake.Create();

        var result = await Sender.SendAsync(Alerts.Sample(AlertKind.Purchase), Target(webhook, RoleId) with { Form = AlertForm.Plain }, CancellationToken.None);

        Assert.Equal(AlertSendStatus.Sent, result.Status);
        var json = Assert.Single(fake.Delivered).Json;
        Assert.Equal("🛒 3 sold: VPS Small 2GB @ Main Site (US-East): 9 → 6 (-3). 3 units sold, 6 left. (2026-03-01 12:31 UTC)", json.GetProperty("content").GetString());
        Assert.Equal(0, json.GetProperty("embeds").GetArrayLength());
        Assert.False(json.TryGetProperty("components", out _));
        Assert.Equal(0, json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    [Fact]
    public async Task SendAsync_WebhookDeleted_IsChannelGoneWithDiscordsWords()
    {
        var webhook = fake.Create();
        fake.Delete(webhook);

        var result = await Sender.SendAsync(Alerts.Sample(AlertKind.Restock), Target(webhook), CancellationToken.None);

        Assert.Equal(AlertSendStatus.ChannelGone, result.Status);
        Assert.Contains("Unknown Webhook (code 10015)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TokenNoLongerMatches_IsChannelGone()
    {
        var webhook = fake.Create();
        var stale = webhook with { Token = new string('x', 68) };

        var result = await Sender.SendAsync(Alerts.Sample(AlertKind.Restock), Target(stale), CancellationToken.None);

        Assert.Equal(AlertSendStatus.ChannelGone, result.Status);
        Assert.Contains("Invalid Webhook Token (code 50027)", result.Error, StringComparison.Ordinal);
        Assert.Equal(401, Assert.Single(fake.Executions).Status);
    }

    [Fact]
    public async Task SendAsync_LinkDiscordCallsNotWellFormed_IsLeftOutAndTheAlertStillGoes()
    {
        // A link stored before links were normalised at input: Discord would refuse the message (50035), so the
        // link is left out at send time and the alert goes without it.
        var webhook = fake.Create();

        var result = await Sender.SendAsync(Alerts.Sample(AlertKind.Restock, buyLink: "https://x.example/cart.php?x={a b}"), Target(webhook), CancellationToken.None);

        Assert.Equal(AlertSendStatus.Sent, result.Status);
        var execution = Assert.Single(fake.Executions);
        Assert.Equal(200, execution.Status);
        Assert.DoesNotContain("x={a b}", execution.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RateLimitedLongerThanTheClientWaits_IsRetryAfterDiscordsWait()
    {
        var webhook = fake.Create();
        fake.Script(webhook, FakeDiscordResponse.RateLimited(42));

        var result = await Sender.SendAsync(Alerts.Sample(AlertKind.Restock), Target(webhook), CancellationToken.None);

        Assert.Equal(AlertSendStatus.Retry, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(42), result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_DiscordDown_IsRetry()
    {
        var webhook = fake.Create();
        fake.Script(webhook, FakeDiscordResponse.ServerError());

        var result = await Sender.SendAsync(Alerts.Sample(AlertKind.Restock), Target(webhook), CancellationToken.None);

        Assert.Equal(AlertSendStatus.Retry, result.Status);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_NoWebhookUrlOnTheTarget_IsChannelGoneWithoutARequest()
    {
        var result = await Sender.SendAsync(Alerts.Sample(AlertKind.Restock), new AlertTarget(1, Platform.Discord, "1234", null), CancellationToken.None);

        Assert.Equal(AlertSendStatus.ChannelGone, result.Status);
        Assert.Empty(fake.Executions);
    }

    [Fact]
    public async Task SendAsync_BurstToTwoWebhooksPastTheirBuckets_PacesEachFromItsHeadersWithoutA429()
    {
        var first = fake.Create();
        var second = fake.Create();
        const int perWebhook = FakeDiscordWebhooks.BucketLimit + 3;

        // One at a time, as the dispatcher sends, alternating between the two webhooks.
        var results = new List<AlertSendResult>();
        foreach (var webhook in Enumerable.Range(0, perWebhook).SelectMany(_ => new[] { first, second }))
        {
            results.Add(await Sender.SendAsync(Alerts.Sample(AlertKind.Restock), Target(webhook), CancellationToken.None));
        }

        Assert.All(results, r => Assert.Equal(AlertSendStatus.Sent, r.Status));
        Assert.Equal((perWebhook, perWebhook), (fake.ExecutionsOf(first).Count, fake.ExecutionsOf(second).Count));
        Assert.Equal(0, fake.RateLimitedCount);
        var transcript = logs.Transcript();
        Assert.DoesNotContain(first.Token, transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Token, transcript, StringComparison.Ordinal);
    }

    private static AlertTarget Target(FakeWebhook webhook, string? mention = null) =>
        new(1, Platform.Discord, webhook.Id, mention) { WebhookUrl = webhook.Url };
}
