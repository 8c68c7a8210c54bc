using StockBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Monitors;
using StockBot.Core.Websites;
using StockBot.Simulator;
using StockBot.Testing.Discord;

namespace StockBot.Discord.Tests;

/// <summary>A burst to one channel past its digest-after arrives as one embed, through the real host's cycle and dispatcher.</summary>
public class DigestTests : IAsyncLifetime
{
    private readonly TestProvider provider;

    public DigestTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected DigestTests(TestProvider provider) => this.provider = provider;

    private const string Channel = "716000000000000001";

    private DiscordBotHarness bot = null!;
    private WhmcsSimulator simulator = null!;
    private SimulatedStore store = null!;

    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        store = simulator.AddStore("digest-identifier", "digest-secret-7781");
        bot = await DiscordBotHarness.CreateAsync(provider);
        await bot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await simulator.DisposeAsync();
    }

    [SkippableFact]
    public async Task Cycle_30RestocksToOneChannel_OneDigestEmbedWithEveryBuyLink()
    {
        await AddMonitorsAsync(30);
        Assert.Equal(0, (await bot.CliAsync("subscription", "add", "--platform", "discord", "--channel", Channel)).ExitCode);
        await bot.Service.RunCycleAsync();
        for (var pid = 1; pid <= 30; pid++)
        {
            store.SetStock(pid, 3);
        }

        var result = await bot.Service.RunCycleAsync();

        Assert.Equal(30, result.Alerts.Sent);
        var posts = Posts();
        var post = Assert.Single(posts);
        var embed = post.Request.Json.GetProperty("embeds")[0];
        Assert.Equal("📣 30 alerts", embed.GetProperty("title").GetString());
        var fields = embed.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(25, fields.Count);
        Assert.StartsWith("🟢 Back in stock: VPS 001", fields[0].GetProperty("name").GetString(), StringComparison.Ordinal);
        var description = embed.GetProperty("description").GetString()!;
        Assert.StartsWith("and 5 more:", description, StringComparison.Ordinal);
        var text = string.Join('\n', fields.Select(f => f.GetProperty("value").GetString())) + description;
        for (var pid = 1; pid <= 30; pid++)
        {
            Assert.Contains($"cart.php?a=add&pid={pid})", text, StringComparison.Ordinal);
        }

        // Every row of the digest is sent, with the one message's id.
        Assert.Equal(30, bot.Scalar("SELECT COUNT(*) FROM alert_deliveries WHERE status = 'sent'"));
        Assert.Equal(1, bot.Scalar("SELECT COUNT(DISTINCT external_message_id) FROM alert_deliveries"));
        Assert.NotNull(bot.Text("SELECT external_message_id FROM alert_deliveries LIMIT 1"));
    }

    [SkippableFact]
    public async Task Cycle_AsManyAsDigestAfter_OneMessageEach()
    {
        await AddMonitorsAsync(3);
        Assert.Equal(0, (await bot.CliAsync("subscription", "add", "--platform", "discord", "--channel", Channel, "--digest-after", "3")).ExitCode);
        await bot.Service.RunCycleAsync();
        for (var pid = 1; pid <= 3; pid++)
        {
            store.SetStock(pid, 2);
        }

        await bot.Service.RunCycleAsync();

        var posts = Posts();
        Assert.Equal(3, posts.Count);
        Assert.All(posts, p => Assert.StartsWith("🟢 Back in stock: VPS", p.Request.Json.GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Dispatch_DigestRefused_SentAgainPlainThenAllRowsFollowTheOutcome()
    {
        await AddMonitorsAsync(8);
        Assert.Equal(0, (await bot.CliAsync("subscription", "add", "--platform", "discord", "--channel", Channel)).ExitCode);
        await bot.Service.RunCycleAsync();
        for (var pid = 1; pid <= 8; pid++)
        {
            store.SetStock(pid, 1);
        }

        // Discord refuses the embed (400) once: the plain form goes, as for single alerts.
        bot.Fake.Script("POST", Channel, new FakeDiscordResponse(400, """{"code":50035,"message":"Invalid Form Body"}"""));
        await bot.Service.RunCycleAsync();

        var posts = Posts();
        Assert.Equal(2, posts.Count);
        Assert.Equal(400, posts[0].Status);
        var plain = posts[1].Request.Json;
        Assert.False(plain.TryGetProperty("embeds", out var embeds) && embeds.ValueKind == System.Text.Json.JsonValueKind.Array);
        var content = plain.GetProperty("content").GetString()!;
        Assert.StartsWith("📣 8 alerts", content, StringComparison.Ordinal);
        Assert.Contains("cart.php?a=add&pid=8", content, StringComparison.Ordinal);
        Assert.Equal(8, bot.Scalar("SELECT COUNT(*) FROM alert_deliveries WHERE status = 'sent' AND attempts = 2"));
    }

    private List<(FakeDiscordRequest Request, int Status, string? Body)> Posts() =>
        bot.Fake.Answers.Where(a => a.Request.Method == "POST" && a.Request.Path.EndsWith($"/channels/{Channel}/messages", StringComparison.Ordinal)).ToList();

    private async Task AddMonitorsAsync(int count)
    {
        for (var pid = 1; pid <= count; pid++)
        {
            store.AddProduct(pid, $"VPS {pid:000}", 0);
        }

        await using var scope = bot.Service.Services.CreateAsyncScope();
        var website = await scope.ServiceProvider.GetRequiredService<WebsiteService>()
            .CreateAsync(new WebsiteInput("Digest", store.WebsiteUrl.ToString(), store.Identifier, store.Secret), CancellationToken.None);
        var monitors = scope.ServiceProvider.GetRequiredService<MonitorService>();
        for (var pid = 1; pid <= count; pid++)
        {
            await monitors.CreateAsync(new MonitorInput(website.Id, pid), CancellationToken.None);
        }
    }
}
