using StockBot.Testing;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Follows;
using StockBot.Core.Monitors;
using StockBot.Core.Websites;
using StockBot.Data.Entities;
using StockBot.Simulator;
using StockBot.Testing.Discord;

namespace StockBot.Discord.Tests;

/// <summary>Personal follows through interactions on the real host: the DM channel opened through the fake, the restock in it, DMs refused.</summary>
public class DiscordFollowTests : IAsyncLifetime
{
    private readonly TestProvider provider;

    public DiscordFollowTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected DiscordFollowTests(TestProvider provider) => this.provider = provider;

    private const int Pid = 101;
    private const string Member = FakeInteractions.MemberUserId;

    private DiscordBotHarness bot = null!;
    private WhmcsSimulator simulator = null!;
    private SimulatedStore store = null!;

    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        store = simulator.AddStore("follow-identifier", "follow-secret-7731");
        store.AddProduct(Pid, "VPS Follow 4GB", 3);
        bot = await DiscordBotHarness.CreateAsync(provider);
        await bot.StartAsync();
        await using var scope = bot.Service.Services.CreateAsyncScope();
        var website = await scope.ServiceProvider.GetRequiredService<WebsiteService>()
            .CreateAsync(new WebsiteInput("Follow", store.WebsiteUrl.ToString(), store.Identifier, store.Secret), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<MonitorService>().CreateAsync(new MonitorInput(website.Id, Pid), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await simulator.DisposeAsync();
    }

    [SkippableFact]
    public async Task Follow_FromAGuild_DmChannelOpenedAndTheRestockArrivesThere()
    {
        var (callback, _) = await bot.InvokeAsync(bot.Interactions.Command("follow", "monitor", new Dictionary<string, object> { ["monitor"] = 1L }, admin: false));

        Assert.Contains("Following monitor 1", Title(callback.Json), StringComparison.Ordinal);
        var open = Assert.Single(bot.Fake.RequestsTo("POST", "/users/@me/channels"));
        Assert.Equal(Member, open.Json.GetProperty("recipient_id").GetString());
        var dm = bot.Fake.DmChannelOf(Member);
        Assert.Equal(1, bot.Scalar($"SELECT COUNT(*) FROM subscriptions WHERE is_personal = TRUE AND platform = 'discord' AND channel_id = '{dm}' AND created_by = '{Member}'"));

        await RestockAsync();

        var post = Assert.Single(bot.Fake.Answers, a => a.Request.Method == "POST" && a.Request.Path.EndsWith($"/channels/{dm}/messages", StringComparison.Ordinal));
        Assert.Equal(200, post.Status);
        Assert.Contains("VPS Follow 4GB", post.Request.Body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task FollowingAndUnfollow_InTheDm_ListThenRemove()
    {
        var dm = bot.Fake.DmChannelOf(Member);
        var (followed, _) = await bot.InvokeAsync(bot.Interactions.Command("follow", "website", new Dictionary<string, object> { ["website"] = 1L }, admin: false, guildId: null, channelId: dm));
        Assert.Contains("Following website 1", Title(followed.Json), StringComparison.Ordinal);
        // From the DM itself no channel needs opening.
        Assert.Empty(bot.Fake.RequestsTo("POST", "/users/@me/channels"));

        var (listed, _) = await bot.InvokeAsync(bot.Interactions.Command("following", null, admin: false, guildId: null, channelId: dm));
        Assert.Contains("website 1", Description(listed.Json), StringComparison.Ordinal);
        var (again, _) = await bot.InvokeAsync(bot.Interactions.Command("follow", "website", new Dictionary<string, object> { ["website"] = 1L }, admin: false, guildId: null, channelId: dm));
        Assert.Contains("already following", Title(again.Json), StringComparison.Ordinal);
        var (removed, _) = await bot.InvokeAsync(bot.Interactions.Command("unfollow", "website", new Dictionary<string, object> { ["website"] = 1L }, admin: false, guildId: null, channelId: dm));

        Assert.Contains("Unfollowed website 1", Title(removed.Json), StringComparison.Ordinal);
        Assert.Equal(0, bot.Scalar("SELECT COUNT(*) FROM subscriptions"));
    }

    [SkippableFact]
    public async Task Follow_UserWithDmsClosed_50007TurnsTheFollowOffAndTheNextCommandSaysSo()
    {
        await bot.InvokeAsync(bot.Interactions.Command("follow", "monitor", new Dictionary<string, object> { ["monitor"] = 1L }, admin: false));
        bot.Fake.CloseDms(Member);

        await RestockAsync();

        Assert.Equal(1, bot.Scalar("SELECT COUNT(*) FROM subscriptions WHERE is_active = FALSE AND notice_pending = TRUE AND last_error LIKE '%50007%'"));
        var (next, _) = await bot.InvokeAsync(bot.Interactions.Command("status", null, admin: false));
        Assert.StartsWith("⚠️ I turned off your follow of monitor 1", next.Json.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        var (later, _) = await bot.InvokeAsync(bot.Interactions.Command("status", null, admin: false));
        Assert.False(later.Json.GetProperty("data").TryGetProperty("content", out _));
    }

    [SkippableFact]
    public async Task Follow_OneMoreThanMaxFollowsPerUser_Refused()
    {
        await using (var scope = bot.Service.Services.CreateAsyncScope())
        {
            var monitors = scope.ServiceProvider.GetRequiredService<MonitorService>();
            var follows = scope.ServiceProvider.GetRequiredService<FollowService>();
            for (var pid = 300; pid < 325; pid++)
            {
                store.AddProduct(pid, $"Plan {pid}", 1);
                var monitor = await monitors.CreateAsync(new MonitorInput(1, pid), CancellationToken.None);
                await follows.FollowAsync(new FollowInput(Platform.Discord, Member, bot.Fake.DmChannelOf(Member), null, monitor.Id), CancellationToken.None);
            }
        }

        var (callback, _) = await bot.InvokeAsync(bot.Interactions.Command("follow", "monitor", new Dictionary<string, object> { ["monitor"] = 1L }, admin: false));

        Assert.Contains("Alerts:MaxFollowsPerUser = 25", Title(callback.Json), StringComparison.Ordinal);
        Assert.Equal(25, bot.Scalar("SELECT COUNT(*) FROM subscriptions WHERE is_personal = TRUE"));
    }

    [SkippableFact]
    public async Task Restock_FiveHundredFollowers_AllDeliveredInOrderOfFollowingWithinTheGlobalLimit()
    {
        const int Followers = 500;
        var users = Enumerable.Range(0, Followers).Select(i => (830_000_000_000_000_000L + ((i * 7919L) % 100_000)).ToString(CultureInfo.InvariantCulture)).ToList();
        await using (var scope = bot.Service.Services.CreateAsyncScope())
        {
            var follows = scope.ServiceProvider.GetRequiredService<FollowService>();
            foreach (var user in users)
            {
                await follows.FollowAsync(new FollowInput(Platform.Discord, user, bot.Fake.DmChannelOf(user), null, 1), CancellationToken.None);
            }
        }

        await RestockAsync();
        for (var pass = 0; pass < 5 && bot.Scalar("SELECT COUNT(*) FROM alert_deliveries WHERE status = 'pending'") > 0; pass++)
        {
            await bot.Service.DispatchAsync();
        }

        var posts = bot.Fake.Answers.Where(a => a.Request.Method == "POST" && a.Request.Path.Contains("/channels/", StringComparison.Ordinal) && a.Request.Path.EndsWith("/messages", StringComparison.Ordinal)).ToList();
        Assert.Equal(users.Select(u => $"/api/v10/channels/{bot.Fake.DmChannelOf(u)}/messages"), posts.Select(p => p.Request.Path));
        Assert.All(posts, p => Assert.Equal(200, p.Status));
        Assert.Equal(Followers, bot.Scalar("SELECT COUNT(*) FROM alert_deliveries WHERE status = 'sent'"));
        Assert.Equal(0, bot.Fake.RateLimitedAnswers);
    }

    /// <summary>Sold out, a cycle, back, a cycle: one restock of monitor 1.</summary>
    private async Task RestockAsync()
    {
        store.SetStock(Pid, 0);
        await bot.Service.RunCycleAsync();
        store.SetStock(Pid, 4);
        await bot.Service.RunCycleAsync();
    }

    private static string Title(JsonElement callback) => callback.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString()!;

    private static string Description(JsonElement callback) => callback.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString()!;
}
