using StockBot.Testing;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Follows;
using StockBot.Core.Monitors;
using StockBot.Data.Entities;
using static StockBot.Telegram.Tests.TelegramHostHarness;

namespace StockBot.Telegram.Tests;

/// <summary>Personal follows on the real host: /follow in a chat, the restock in the follower's private chat, refusals turning a follow off.</summary>
public class TelegramFollowTests : IAsyncLifetime
{
    private readonly TestProvider provider;

    public TelegramFollowTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected TelegramFollowTests(TestProvider provider) => this.provider = provider;

    private TelegramHostHarness h = null!;

    public async Task InitializeAsync()
    {
        h = await CreateAsync(provider);
        await h.StartAsync();
        await h.AddWebsiteAndMonitorsAsync(101);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [SkippableFact]
    public async Task Follow_InPrivateChat_RestockArrivesThereListedThenUnfollowed()
    {
        var reply = await h.CommandAsync(MemberId, MemberId, "private", "/follow monitor 1");
        Assert.Contains("Following monitor 1", reply.Text, StringComparison.Ordinal);
        Assert.Equal(1, h.Count($"subscriptions WHERE is_personal = TRUE AND channel_id = '{Id(MemberId)}' AND created_by = '{Id(MemberId)}' AND monitor_config_id = 1"));
        var list = await h.CliAsync("subscription", "list", "--json");
        Assert.Contains("\"personal\": true", list.Out, StringComparison.Ordinal);

        await RestockAsync();

        var alert = Assert.Single(h.Telegram.Sent("sendMessage", Id(MemberId)), c => c.Text!.Contains("VPS Small", StringComparison.Ordinal));
        Assert.Contains("Back in stock", alert.Text, StringComparison.Ordinal);
        var following = await h.CommandAsync(MemberId, MemberId, "private", "/following");
        Assert.Contains("monitor 1", following.Text, StringComparison.Ordinal);
        var again = await h.CommandAsync(MemberId, MemberId, "private", "/follow monitor 1");
        Assert.Contains("already following monitor 1", again.Text, StringComparison.Ordinal);
        Assert.Equal(1, h.Count("subscriptions WHERE is_personal = TRUE"));
        var unfollowed = await h.CommandAsync(MemberId, MemberId, "private", "/unfollow monitor 1");
        Assert.Contains("Unfollowed monitor 1", unfollowed.Text, StringComparison.Ordinal);
        Assert.Equal(0, h.Count("subscriptions"));
    }

    [SkippableFact]
    public async Task Follow_UserBlocksTheBot_FollowTurnedOffAndTheNextCommandSaysSoOnce()
    {
        await h.CommandAsync(MemberId, MemberId, "private", "/follow monitor 1");
        h.Telegram.BlockBot(MemberId);

        await RestockAsync();

        Assert.Equal(1, h.Count("subscriptions WHERE is_personal = TRUE AND is_active = FALSE AND notice_pending = TRUE AND last_error LIKE '%blocked by the user%'"));
        Assert.Equal(1, h.Count("alert_deliveries WHERE status = 'failed'"));
        var next = await h.CommandAsync(MemberId, GroupId, "supergroup", "/status");
        Assert.StartsWith("⚠️ I turned off your follow of monitor 1", next.Text, StringComparison.Ordinal);
        Assert.Contains("blocked by the user", next.Text, StringComparison.Ordinal);
        var later = await h.CommandAsync(MemberId, GroupId, "supergroup", "/status");
        Assert.DoesNotContain("turned off", later.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Follow_FromAGroupByAUserWhoNeverStartedTheBot_FollowedAndToldToPressStart()
    {
        h.Telegram.NeverStarted(MemberId);

        var reply = await h.CommandAsync(MemberId, GroupId, "supergroup", "/follow monitor 1");

        Assert.Contains("Following monitor 1", reply.Text, StringComparison.Ordinal);
        Assert.Contains($"open t.me/{StockBot.Testing.Telegram.FakeTelegramBotApi.BotUsername} and press Start", reply.Text, StringComparison.Ordinal);
        Assert.Equal(1, h.Count($"subscriptions WHERE is_personal = TRUE AND channel_id = '{Id(MemberId)}'"));
        Assert.Single(h.Telegram.CallsTo("sendChatAction"));
    }

    [SkippableFact]
    public async Task Follow_OneMoreThanMaxFollowsPerUser_RefusedNamingTheLimit()
    {
        var monitorIds = await AddMonitorsAsync(300, 25);
        foreach (var monitorId in monitorIds)
        {
            await FollowAsync(MemberId, monitorId);
        }

        var reply = await h.CommandAsync(MemberId, MemberId, "private", "/follow monitor 1");

        Assert.Contains("Alerts:MaxFollowsPerUser = 25", reply.Text, StringComparison.Ordinal);
        Assert.Equal(25, h.Count("subscriptions WHERE is_personal = TRUE"));
    }

    [SkippableFact]
    public async Task Restock_FiveHundredFollowers_AllDeliveredInOrderOfFollowingWithoutA429()
    {
        const int Followers = 500;
        var users = Enumerable.Range(0, Followers).Select(i => 500_000L + ((i * 7919L) % 100_000)).ToList();
        foreach (var user in users)
        {
            await FollowAsync(user, 1);
        }

        await RestockAsync();
        for (var pass = 0; pass < 3 && h.Count("alert_deliveries WHERE status = 'pending'") > 0; pass++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(11));
            await h.DispatchAsync();
        }

        var sent = h.Telegram.Sent("sendMessage").Where(c => c.Text!.Contains("VPS Small", StringComparison.Ordinal)).ToList();
        Assert.Equal(users.Select(Id), sent.Select(c => c.ChatId));
        Assert.Equal(Followers, h.Count("alert_deliveries WHERE status = 'sent'"));
        Assert.Equal(0, h.Telegram.RateLimitAnswers);
        Assert.Empty(h.Telegram.Violations);
        // Never more than 30 in any second on the fake's clock (Telegram's overall limit).
        var times = sent.Select(c => c.ClockAt).ToList();
        Assert.All(times.Select((t, i) => times.Skip(i).TakeWhile(u => u - t < TimeSpan.FromSeconds(1)).Count()), n => Assert.True(n <= 30, $"{n} in a second"));
    }

    /// <summary>Out of stock, a cycle, back in stock, a cycle: one restock of monitor 1 (product 101).</summary>
    private async Task RestockAsync()
    {
        h.Store.SetStock(101, 0);
        await h.RunCycleAsync();
        h.Store.SetStock(101, 5);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.RunCycleAsync();
    }

    private async Task FollowAsync(long userId, int monitorId)
    {
        await using var scope = h.Service.Services.CreateAsyncScope();
        var user = userId.ToString(CultureInfo.InvariantCulture);
        await scope.ServiceProvider.GetRequiredService<FollowService>().FollowAsync(new FollowInput(Platform.Telegram, user, user, null, monitorId), CancellationToken.None);
        // Each follow a moment after the one before: the order of following.
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
    }

    private async Task<List<int>> AddMonitorsAsync(int firstProduct, int count)
    {
        await using var scope = h.Service.Services.CreateAsyncScope();
        var monitors = scope.ServiceProvider.GetRequiredService<MonitorService>();
        var ids = new List<int>();
        for (var pid = firstProduct; pid < firstProduct + count; pid++)
        {
            h.Store.AddProduct(pid, $"Plan {pid}", 1);
            ids.Add((await monitors.CreateAsync(new MonitorInput(1, pid), CancellationToken.None)).Id);
        }

        return ids;
    }
}
