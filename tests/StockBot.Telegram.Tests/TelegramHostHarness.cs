using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StockBot.Core.Alerts;
using StockBot.Simulator;
using StockBot.Testing;
using StockBot.Testing.Telegram;

namespace StockBot.Telegram.Tests;

/// <summary>
/// The real `stockbot run` host (<see cref="StockBotHostHarness"/>, with the Telegram bot) in-process against
/// the fake Bot API, with a WHMCS simulator and a clock the test moves.
/// Cycles are driven by the test (RunCycleAsync) rather than the schedule, so they happen when asked.
/// </summary>
public sealed class TelegramHostHarness : IAsyncDisposable
{
    public const long AdminId = 1001;
    public const long MemberId = 2002;
    public const long GroupId = -100555;

    private TelegramHostHarness(FakeTelegramBotApi telegram, WhmcsSimulator simulator, TestProvider provider)
    {
        Telegram = telegram;
        Simulator = simulator;
        Store = simulator.AddStore("tg-identifier", "tg-secret-4417");
        Store.AddProduct(101, "VPS Small 2GB", 6);
        Store.AddProduct(102, "VPS <Large> & 8GB", 2);
        Service = new StockBotHostHarness("stockbot-tg-", new FakeTimeProvider(DateTimeOffset.UtcNow), provider);
        Settings["Telegram:Token"] = telegram.Token;
        Settings["Telegram:ApiBaseUrl"] = telegram.BaseUrl;
        Settings["Telegram:AdminUserIds"] = AdminId.ToString(CultureInfo.InvariantCulture);
        Settings["Monitoring:Interval"] = "01:00:00";
        Settings["Monitoring:RequestTimeout"] = "00:00:02";
        // The pacer and the fake's rate limits share a simulated clock that moves by the pacer's own waits, so
        // Telegram's per-chat and per-group limits hold exactly without their wall-clock seconds.
        Pacing = new JumpingTimeProvider();
        telegram.Clock = Pacing;
        Service.ConfigureServices = services => services.AddKeyedSingleton<TimeProvider>(PacingClockKey, Pacing);
    }

    /// <summary>TelegramPacer.ClockKey.</summary>
    public const string PacingClockKey = "telegram-pacing";

    public JumpingTimeProvider Pacing { get; }

    public FakeTelegramBotApi Telegram { get; }

    public WhmcsSimulator Simulator { get; }

    public SimulatedStore Store { get; }

    /// <summary>The host, its database, settings, clock, logs and CLI.</summary>
    public StockBotHostHarness Service { get; }

    public FakeTimeProvider Clock => Service.Clock!;

    public Dictionary<string, string?> Settings => Service.Settings;

    public static async Task<TelegramHostHarness> CreateAsync(TestProvider provider = TestProvider.Sqlite)
    {
        // First, so a run without PostgreSQL skips before anything starts.
        Skip.If(provider == TestProvider.Postgres && PostgresServer.SkipReason is not null, PostgresServer.SkipReason);
        var telegram = await FakeTelegramBotApi.StartAsync();
        var simulator = await WhmcsSimulator.StartAsync();
        return new TelegramHostHarness(telegram, simulator, provider);
    }

    /// <summary>Builds and starts the host; returns once the bot said who it is and published its commands.</summary>
    public async Task StartAsync()
    {
        await Service.StartAsync();
        await Telegram.WaitForAsync("setMyCommands");
        await Telegram.WaitForAsync("getUpdates");
    }

    /// <summary>A `stockbot` command in-process on the same database (setup the tests do not test).</summary>
    public Task<CliResult> CliAsync(params string[] args) => Service.Cli.RunAsync(args);

    public async Task AddWebsiteAndMonitorsAsync(params int[] productIds)
    {
        var added = await CliAsync("website", "add", "--name", "Sim", "--url", Store.WebsiteUrl.ToString(), "--api-identifier", Store.Identifier, "--api-secret", Store.Secret, "--region", "US-East");
        Assert.True(added.ExitCode == 0, added.Error);
        foreach (var pid in productIds)
        {
            var monitor = await CliAsync("monitor", "add", "--website", "1", "--product", pid.ToString(CultureInfo.InvariantCulture));
            Assert.True(monitor.ExitCode == 0, monitor.Error);
        }
    }

    /// <summary>One monitoring cycle and its dispatch, as the schedule runs them, in the running host.</summary>
    public async Task<DispatchResult> RunCycleAsync() => (await Service.RunCycleAsync()).Alerts;

    public Task<DispatchResult> DispatchAsync() => Service.DispatchAsync();

    /// <summary>
    /// Sends a text as (user, chat) and waits for the bot's answer in that chat. The test message `/subscribe` posts
    /// to the channel before it answers is not the answer.
    /// </summary>
    public async Task<TelegramCall> CommandAsync(long userId, long chatId, string chatType, string text, string method = "sendMessage", int? threadId = null)
    {
        bool Answer(TelegramCall c) => c.ChatId == Id(chatId) && !IsTestMessage(c);
        var before = Telegram.Calls.Count(c => c.Method == method && c.Succeeded && Answer(c));
        Telegram.EnqueueText(userId, chatId, chatType, text, threadId: threadId);
        return await Telegram.WaitForAsync(method, Answer, skip: before);
    }

    public static bool IsTestMessage(TelegramCall call) => call.Text?.Contains("StockBot test message", StringComparison.Ordinal) == true;

    public int CountSent(string method, long chatId) => Telegram.Sent(method, Id(chatId)).Count;

    public long Count(string tableAndWhere) => Service.Database.Count(tableAndWhere);

    public string? Scalar(string sql) => Service.Database.Text(sql);

    /// <summary>Waits until <paramref name="condition"/> holds (an event the test cannot await otherwise: a row, a log line).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(25);
        }
    }

    public bool Logged(string text) => Service.Logs.GetSnapshot().Any(l => l.Message.Contains(text, StringComparison.Ordinal));

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Service.StopAsync();
        await Telegram.DisposeAsync();
        await Simulator.DisposeAsync();
        await Service.DisposeAsync();
    }
}
