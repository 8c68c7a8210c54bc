using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using StockBot.Simulator;
using StockBot.Testing;
using StockBot.Testing.Telegram;

namespace StockBot.Host.Tests;

/// <summary>
/// Two `stockbot run` hosts in-process on one SQLite database file (each its own Cluster:InstanceName) with one clock:
/// each website read once per interval, each alert sent once, one Telegram poller that moves when its leader stops.
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private WhmcsSimulator simulator = null!;
    private StockBotHostHarness a = null!;
    private StockBotHostHarness b = null!;

    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        // Several instances share a PostgreSQL database (DESIGN: Several instances); SQLite is one instance's.
        if (PostgresServer.SkipReason is not null)
        {
            return;
        }

        a = new StockBotHostHarness("stockbot-cluster-a-", clock, TestProvider.Postgres);
        b = new StockBotHostHarness("stockbot-cluster-b-", clock, sameDatabaseAs: a);
        foreach (var (host, name) in new[] { (a, "alpha"), (b, "beta") })
        {
            host.Settings["Cluster:InstanceName"] = name;
            host.Settings["Cluster:FailoverAfter"] = "00:00:06";
            host.Settings["Monitoring:Interval"] = "00:01:00";
            host.Settings["Monitoring:RequestTimeout"] = "00:00:02";
        }
    }

    public async Task DisposeAsync()
    {
        if (a is not null)
        {
            await b.DisposeAsync();
            await a.DisposeAsync();
        }

        await simulator.DisposeAsync();
    }

    [SkippableFact]
    public async Task Cycles_TwoInstancesTenCycles_EachWebsiteReadOncePerInterval()
    {
        Skip.If(PostgresServer.SkipReason is not null, PostgresServer.SkipReason);
        var stores = new List<SimulatedStore>();
        for (var i = 1; i <= 4; i++)
        {
            var store = simulator.AddStore($"cluster-{i}", $"cluster-secret-{i}0042");
            store.AddProduct(1, "VPS", 5);
            stores.Add(store);
            await CliOkAsync(a, "website", "add", "--name", $"Site {i}", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
            await CliOkAsync(a, "monitor", "add", "--website", i.ToString(CultureInfo.InvariantCulture), "--product", "1", "--no-verify");
        }

        await a.StartAsync();
        await b.StartAsync();
        var readsBy = new Dictionary<string, int> { ["alpha"] = 0, ["beta"] = 0 };
        for (var cycle = 1; cycle <= 10; cycle++)
        {
            var before = stores.Select(s => s.RequestCount).ToList();
            var results = await Task.WhenAll(a.RunCycleAsync(), b.RunCycleAsync());
            var reads = stores.Select((s, i) => s.RequestCount - before[i]).ToList();
            Assert.True(reads.All(r => r == 1), $"cycle {cycle}: reads per website {string.Join(", ", reads)}");
            Assert.Equal(stores.Count, results.Sum(r => r.Cycle.WebsitesChecked));
            readsBy["alpha"] += results[0].Cycle.WebsitesChecked;
            readsBy["beta"] += results[1].Cycle.WebsitesChecked;
            clock.Advance(Interval);
        }

        Assert.Equal(40, readsBy.Values.Sum());
        Assert.Equal(0, a.Database.Count("website_leases WHERE leased_until IS NOT NULL"));
    }

    [SkippableFact]
    public async Task Dispatch_TwoInstancesFiftyAlerts_EachSentExactlyOnce()
    {
        Skip.If(PostgresServer.SkipReason is not null, PostgresServer.SkipReason);
        var store = simulator.AddStore("cluster-outbox", "cluster-outbox-secret-71");
        store.AddProduct(1, "VPS", 0);
        await CliOkAsync(a, "website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
        await CliOkAsync(a, "monitor", "add", "--website", "1", "--product", "1", "--no-verify");
        var chats = Enumerable.Range(1, 50).Select(i => (-1_000_700L - i).ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var chat in chats)
        {
            await CliOkAsync(a, "subscription", "add", "--platform", "telegram", "--channel", chat, "--monitor", "1");
        }

        // The restock is found by `check` without a Telegram token: its 50 alerts wait in the outbox for the instances.
        await CliOkAsync(a, "check");
        store.SetStock(1, 7);
        await CliOkAsync(a, "check");
        Assert.Equal(50, a.Database.Count("alert_deliveries WHERE status = 'pending'"));

        await using var telegramA = await FakeTelegramBotApi.StartAsync();
        await using var telegramB = await FakeTelegramBotApi.StartAsync();
        UseTelegram(a, telegramA);
        UseTelegram(b, telegramB);
        await a.StartAsync();
        await b.StartAsync();

        for (var pass = 0; pass < 20 && a.Database.Count("alert_deliveries WHERE status = 'pending'") > 0; pass++)
        {
            await Task.WhenAll(a.DispatchAsync(), b.DispatchAsync());
        }

        var sent = telegramA.Sent("sendMessage").Concat(telegramB.Sent("sendMessage")).Where(c => chats.Contains(c.ChatId!)).ToList();
        Assert.Equal(50, a.Database.Count("alert_deliveries WHERE status = 'sent'"));
        Assert.Equal(chats.Order(), sent.Select(c => c.ChatId!).Order());
        Assert.Equal(0, a.Database.Count("alert_deliveries WHERE claimed_by IS NOT NULL"));
    }

    [SkippableFact]
    public async Task Telegram_LeaderStops_StandbyPollsAndStatusShowsIt()
    {
        Skip.If(PostgresServer.SkipReason is not null, PostgresServer.SkipReason);
        await using var telegramA = await FakeTelegramBotApi.StartAsync();
        await using var telegramB = await FakeTelegramBotApi.StartAsync();
        UseTelegram(a, telegramA);
        UseTelegram(b, telegramB);
        await a.StartAsync();
        await telegramA.WaitForAsync("getUpdates");
        await b.StartAsync();
        await WaitUntilAsync(() => b.Logs.GetSnapshot().Any(r => r.Message.Contains("stands by for telegram", StringComparison.Ordinal)), "beta standing by");
        Assert.Empty(telegramB.CallsTo("getUpdates"));

        var status = await a.Cli.RunAsync("cluster", "status", "--json");
        Assert.Equal(0, status.ExitCode);
        var leader = status.Json.GetProperty("leaders").EnumerateArray().Single(l => l.GetProperty("role").GetString() == "telegram");
        Assert.Equal("alpha", leader.GetProperty("instance").GetString());
        Assert.Equal(["alpha", "beta"], status.Json.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).Order());

        // A graceful stop frees the role at once: the standby's next look (a third of FailoverAfter) takes it.
        await a.StopAsync();
        Assert.Equal(0, a.Database.Count("cluster_leaders WHERE instance = 'alpha'"));
        await WaitUntilAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromSeconds(2));
                return telegramB.CallsTo("getUpdates").Count > 0;
            },
            "getUpdates from beta");
        Assert.Equal("beta", a.Database.Text("SELECT instance FROM cluster_leaders WHERE role = 'telegram'"));
        var text = await b.Cli.RunAsync("cluster", "status");
        Assert.Contains("telegram", text.Out, StringComparison.Ordinal);
        Assert.Matches(@"beta\s+alive", text.Out);
    }

    [SkippableFact]
    public async Task Status_FailoverAfterOutOfRange_OneLineNamingTheSetting()
    {
        Skip.If(PostgresServer.SkipReason is not null, PostgresServer.SkipReason);
        a.Settings["Cluster:FailoverAfter"] = "00:00:01";

        var result = await a.Cli.RunAsync("cluster", "status");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Cluster:FailoverAfter must be between 00:00:05 and 00:10:00 (given: '00:00:01').", Assert.Single(result.ErrorLines));
    }

    private static void UseTelegram(StockBotHostHarness host, FakeTelegramBotApi telegram)
    {
        host.Settings["Telegram:Token"] = telegram.Token;
        host.Settings["Telegram:ApiBaseUrl"] = telegram.BaseUrl;
    }

    private static async Task CliOkAsync(StockBotHostHarness host, params string[] args)
    {
        var result = await host.Cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result.Error}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
