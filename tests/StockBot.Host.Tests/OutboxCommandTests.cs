using Microsoft.Extensions.Time.Testing;
using StockBot.Simulator;
using StockBot.Testing;
using StockBot.Testing.Telegram;

namespace StockBot.Host.Tests;

/// <summary>
/// `outbox list|retry`, `subscription test`, the subscription lines of `status` and the `subscription add` warning, run
/// as the CLI runs them, against the simulator and the loopback Telegram fake.
/// </summary>
public class OutboxCommandTests : IAsyncLifetime
{
    private const string Works = "-100777";
    private const string Blocked = "-100888";

    private readonly CliHarness cli;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private WhmcsSimulator simulator = null!;
    private SimulatedStore store = null!;
    private FakeTelegramBotApi telegram = null!;


    public OutboxCommandTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected OutboxCommandTests(TestProvider provider) => cli = new CliHarness(provider);
    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        store = simulator.AddStore("outbox-identifier", "outbox-secret-4417");
        store.AddProduct(101, "VPS Small 2GB", 6);
        telegram = await FakeTelegramBotApi.StartAsync();
        // Telegram's per-chat limit counts on the same clock the commands run on.
        telegram.Clock = clock;
        cli.Settings["Monitoring:RequestTimeout"] = "00:00:02";
        cli.Settings["Telegram:Token"] = telegram.Token;
        cli.Settings["Telegram:ApiBaseUrl"] = telegram.BaseUrl;
        Assert.Equal(0, (await RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret)).ExitCode);
        Assert.Equal(0, (await RunAsync("monitor", "add", "--website", "1", "--product", "101")).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await telegram.DisposeAsync();
        await simulator.DisposeAsync();
        cli.Dispose();
    }

    [SkippableFact]
    public async Task OutboxListAndRetry_ChannelGone_ShowsTheReasonStatusSaysSoAndRetryQueuesItAgain()
    {
        await RunAsync("subscription", "add", "--platform", "telegram", "--channel", Works);
        await RunAsync("subscription", "add", "--platform", "telegram", "--channel", Blocked);
        telegram.FailBlocked(Blocked);
        await CheckAfterSaleAsync();

        var list = await RunAsync("outbox", "list", "--json");
        var failed = await RunAsync("outbox", "list", "--status", "failed");
        var status = await RunAsync("status");
        var statusJson = await RunAsync("status", "--json");
        var badId = await RunAsync("outbox", "retry", "99");
        var sentId = await RunAsync("outbox", "retry", "1");
        var retried = await RunAsync("outbox", "retry", "--failed");

        Assert.Equal(2, list.Json.GetArrayLength());
        var newest = list.Json[0];
        Assert.Equal(("failed", 2, $"telegram", Blocked, "stock_decreased"), (newest.GetProperty("status").GetString(), newest.GetProperty("subscription_id").GetInt32(),
            newest.GetProperty("platform").GetString(), newest.GetProperty("channel_id").GetString(), newest.GetProperty("event_type").GetString()));
        Assert.Contains("Forbidden: bot was blocked by the user", newest.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, newest.GetProperty("attempts").GetInt32());
        Assert.Equal("sent", list.Json[1].GetProperty("status").GetString());
        Assert.Contains("bot was blocked by the user", failed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Works, failed.Out, StringComparison.Ordinal);
        var line = Assert.Single(status.Out.Split('\n'), l => l.StartsWith("Subscription ", StringComparison.Ordinal));
        Assert.StartsWith($"Subscription 2 (telegram {Blocked}) is off: ", line, StringComparison.Ordinal);
        Assert.Contains("bot was blocked by the user — re-add it with `stockbot subscription add --platform telegram --channel -100888`", line, StringComparison.Ordinal);
        Assert.Equal(1, statusJson.Json.GetArrayLength());
        Assert.Contains("warning: Subscription 2", statusJson.Error, StringComparison.Ordinal);
        Assert.Equal((2, 2), (badId.ExitCode, sentId.ExitCode));
        Assert.Contains("error: id: no alert delivery with id 99", Assert.Single(badId.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("is sent; only failed or expired", Assert.Single(sentId.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, retried.ExitCode);
        Assert.Contains("Queued 1 alert delivery(ies) again (2)", retried.Out, StringComparison.Ordinal);
        Assert.Contains("1 of them go to a subscription that is off", retried.Out, StringComparison.Ordinal);
        Assert.Equal(("pending", "1"), (cli.Scalar("SELECT status FROM alert_deliveries WHERE id = 2"), cli.Scalar("SELECT attempts FROM alert_deliveries WHERE id = 2")));
    }

    [SkippableFact]
    public async Task Check_TelegramDownPastMaxAge_ExpiresTheAlertThenOutboxRetryOfItSendsItOnce()
    {
        await RunAsync("subscription", "add", "--platform", "telegram", "--channel", Works);
        telegram.FailSends502(1000);
        await CheckAfterSaleAsync();
        clock.Advance(TimeSpan.FromMinutes(61));
        await RunAsync("check");

        var expired = await RunAsync("outbox", "list", "--status", "expired", "--json");
        var none = await RunAsync("outbox", "retry", "--failed");
        var retried = await RunAsync("outbox", "retry", "1", "--json");
        telegram.ClearFailures();
        var check = await RunAsync("check");

        var row = Assert.Single(expired.Json.EnumerateArray());
        Assert.Contains("older than Alerts:MaxAge (01:00:00)", row.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Contains("No failed alert deliveries", none.Out, StringComparison.Ordinal);
        Assert.Equal(1, retried.Json.GetProperty("retried").GetInt32());
        Assert.Contains("Alerts: 1 sent", check.Out, StringComparison.Ordinal);
        Assert.Contains("Sold out: VPS Small 2GB", Assert.Single(telegram.Sent("sendMessage", Works)).Text, StringComparison.Ordinal);
        Assert.Equal("sent", cli.Scalar("SELECT status FROM alert_deliveries WHERE id = 1"));
    }

    [SkippableFact]
    public async Task OutboxList_BadFilters_ExitTwoWithOneLineNamingTheField()
    {
        foreach (var (args, field) in new[]
        {
            (new[] { "outbox", "list", "--status", "lost" }, "status"),
            (["outbox", "list", "--subscription", "9"], "subscription"),
            (["outbox", "list", "--limit", "0"], "limit"),
            (["outbox", "retry"], "id"),
            (["outbox", "retry", "1", "--failed"], "id"),
        })
        {
            var result = await RunAsync(args);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains(field, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task SubscriptionTest_PrintsWhatThePlatformAnswered()
    {
        await RunAsync("subscription", "add", "--platform", "telegram", "--channel", Works);
        await RunAsync("subscription", "add", "--platform", "telegram", "--channel", Blocked);
        telegram.FailBlocked(Blocked);

        var ok = await RunAsync("subscription", "test", "1");
        clock.Advance(TimeSpan.FromSeconds(2));
        var json = await RunAsync("subscription", "test", "1", "--json");
        var refused = await RunAsync("subscription", "test", "2");
        var unknown = await RunAsync("subscription", "test", "9");
        cli.Settings.Remove("Telegram:Token");
        var notConfigured = await RunAsync("subscription", "test", "1");

        Assert.Equal(0, ok.ExitCode);
        Assert.Matches($"^Test message posted to telegram channel {Works} \\(message \\d+\\)\\.", ok.Out);
        Assert.Contains("Test: StockBot test message", telegram.Sent("sendMessage", Works)[0].Text, StringComparison.Ordinal);
        Assert.Equal("sent", json.Json.GetProperty("outcome").GetString());
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("telegram refused the test message for channel -100888: ", refused.Out, StringComparison.Ordinal);
        Assert.Contains("Forbidden: bot was blocked by the user", refused.Out, StringComparison.Ordinal);
        Assert.StartsWith("Test message refused: ", cli.Scalar("SELECT last_error FROM subscriptions WHERE id = 2"), StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("subscription", Assert.Single(unknown.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, notConfigured.ExitCode);
        Assert.Contains("The telegram bot is not configured in this process (Telegram:Token is not set)", notConfigured.Out, StringComparison.Ordinal);
        Assert.Equal(2, telegram.Sent("sendMessage", Works).Count);
    }

    [SkippableFact]
    public async Task SubscriptionAdd_BotNotConfigured_WarnsOnStderrAndStillSubscribes()
    {
        cli.Settings.Remove("Telegram:Token");

        var telegramAdd = await RunAsync("subscription", "add", "--platform", "telegram", "--channel", Works);
        var consoleAdd = await RunAsync("subscription", "add", "--platform", "console", "--channel", "ops");

        Assert.Equal((0, 0), (telegramAdd.ExitCode, consoleAdd.ExitCode));
        Assert.StartsWith("warning: The telegram bot is not configured in this process (Telegram:Token is not set).", Assert.Single(telegramAdd.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(consoleAdd.Error);
        Assert.Equal(2, cli.Count("subscriptions"));
    }

    /// <summary>A first cycle records the stock, then it sells out: one `stock_decreased` (soldout) alert per subscription.</summary>
    private async Task CheckAfterSaleAsync()
    {
        Assert.Equal(0, (await RunAsync("check")).ExitCode);
        store.SetStock(101, 0);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await RunAsync("check")).ExitCode);
    }

    private Task<CliResult> RunAsync(params string[] args) => cli.Runner.WithTime(clock).RunAsync(args);
}
