using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Monitors;
using StockBot.Core.Websites;
using StockBot.Simulator;

namespace StockBot.Discord.Tests;

/// <summary>A restock wave: 84 products back at once, alerted to three channels (252 alerts) through the real host's cycle and dispatcher.</summary>
public sealed class AlertBurstTests : IAsyncLifetime
{
    private const int Products = 84;
    private static readonly string[] Channels = ["715000000000000001", "715000000000000002", "715000000000000003"];

    private DiscordBotHarness bot = null!;
    private WhmcsSimulator simulator = null!;
    private SimulatedStore store = null!;

    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        store = simulator.AddStore("burst-identifier", "burst-secret-5521");
        for (var pid = 1; pid <= Products; pid++)
        {
            store.AddProduct(pid, $"VPS {pid:000}", 0);
        }

        bot = await DiscordBotHarness.CreateAsync();
        // Discord's shape (a bucket per channel, X-RateLimit-* headers, 429 past it), on a shorter clock than its 5 per 5 s.
        bot.Fake.MessageBucketLimit = 5;
        bot.Fake.MessageBucketPeriod = TimeSpan.FromMilliseconds(500);
        await bot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await simulator.DisposeAsync();
    }

    [Fact]
    public async Task Cycle_252AlertsToThreeChannels_AllDeliveredInOrderNoneDoubledNo429()
    {
        await using (var scope = bot.Service.Services.CreateAsyncScope())
        {
            var website = await scope.ServiceProvider.GetRequiredService<WebsiteService>()
                .CreateAsync(new WebsiteInput("Burst", store.WebsiteUrl.ToString(), store.Identifier, store.Secret), CancellationToken.None);
            var monitors = scope.ServiceProvider.GetRequiredService<MonitorService>();
            for (var pid = 1; pid <= Products; pid++)
            {
                await monitors.CreateAsync(new MonitorInput(website.Id, pid), CancellationToken.None);
            }
        }

        foreach (var channel in Channels)
        {
            // One message per alert here (this test is about pacing): a digest only past 100 at once.
            Assert.Equal(0, (await bot.CliAsync("subscription", "add", "--platform", "discord", "--channel", channel, "--digest-after", "100")).ExitCode);
        }

        await bot.Service.RunCycleAsync();
        for (var pid = 1; pid <= Products; pid++)
        {
            store.SetStock(pid, 3);
        }

        var result = await bot.Service.RunCycleAsync();
        var pending = bot.Scalar("SELECT COUNT(*) FROM alert_deliveries WHERE status = 'pending'");
        for (var pass = 0; pending > 0 && pass < 5; pass++)
        {
            await bot.Service.DispatchAsync();
            pending = bot.Scalar("SELECT COUNT(*) FROM alert_deliveries WHERE status = 'pending'");
        }

        Assert.Equal(Products * Channels.Length, bot.Scalar("SELECT COUNT(*) FROM alert_deliveries"));
        Assert.Equal(Products * Channels.Length, bot.Scalar("SELECT COUNT(*) FROM alert_deliveries WHERE status = 'sent'"));
        Assert.True(result.Alerts.Sent > 0);
        foreach (var channel in Channels)
        {
            var posts = bot.Fake.Answers.Where(a => a.Request.Method == "POST" && a.Request.Path.EndsWith($"/channels/{channel}/messages", StringComparison.Ordinal)).ToList();
            Assert.All(posts, p => Assert.Equal(200, p.Status));
            var products = posts.Select(p => p.Request.Json.GetProperty("embeds")[0].GetProperty("title").GetString()!).ToList();
            Assert.Equal(Enumerable.Range(1, Products).Select(pid => $"VPS {pid:000}"), products.Select(t => t[(t.IndexOf("VPS", StringComparison.Ordinal))..]));
        }

        Assert.Equal(0, bot.Fake.RateLimitedAnswers);
        Assert.DoesNotContain(bot.Fake.Answers, a => a.Status >= 400);
    }
}
