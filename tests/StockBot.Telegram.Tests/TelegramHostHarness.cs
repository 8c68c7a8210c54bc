using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StockBot.Core;
using StockBot.Core.Alerts;
using StockBot.Core.Monitoring;
using StockBot.Host.Cli;
using StockBot.Host.Hosting;
using StockBot.Simulator;
using StockBot.Testing.Telegram;

namespace StockBot.Telegram.Tests;

/// <summary>
/// The real `stockbot run` host (StockBotHostFactory, service mode, with the Telegram bot) in-process against
/// the fake Bot API, with a database file of its own, a WHMCS simulator, and a clock the test moves.
/// Cycles are driven by the test (RunCycleAsync) rather than the schedule, so they happen when asked.
/// </summary>
public sealed class TelegramHostHarness : IAsyncDisposable
{
    public const long AdminId = 1001;
    public const long MemberId = 2002;
    public const long GroupId = -100555;

    private IHost? host;

    private TelegramHostHarness(FakeTelegramBotApi telegram, WhmcsSimulator simulator)
    {
        Telegram = telegram;
        Simulator = simulator;
        Store = simulator.AddStore("tg-identifier", "tg-secret-4417");
        Store.AddProduct(101, "VPS Small 2GB", 6);
        Store.AddProduct(102, "VPS <Large> & 8GB", 2);
        Directory = System.IO.Directory.CreateTempSubdirectory("stockbot-tg-").FullName;
        DatabasePath = Path.Combine(Directory, "data", "stockbot.db");
        Settings["ConnectionStrings:StockBot"] = $"Data Source={DatabasePath}";
        Settings["Telegram:Token"] = telegram.Token;
        Settings["Telegram:ApiBaseUrl"] = telegram.BaseUrl;
        Settings["Telegram:AdminUserIds"] = AdminId.ToString(CultureInfo.InvariantCulture);
        Settings["Monitoring:Interval"] = "01:00:00";
        Settings["Monitoring:RequestTimeout"] = "00:00:02";
    }

    public FakeTelegramBotApi Telegram { get; }

    public WhmcsSimulator Simulator { get; }

    public SimulatedStore Store { get; }

    public string Directory { get; }

    public string DatabasePath { get; }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public Dictionary<string, string?> Settings { get; } = new();

    public StringWriter Out { get; } = new();

    public IServiceProvider Services => host!.Services;

    public static async Task<TelegramHostHarness> CreateAsync()
    {
        var telegram = await FakeTelegramBotApi.StartAsync();
        var simulator = await WhmcsSimulator.StartAsync();
        return new TelegramHostHarness(telegram, simulator);
    }

    /// <summary>Builds and starts the host; returns once the bot said who it is and published its commands.</summary>
    public async Task StartAsync()
    {
        var environment = new CliEnvironment(Out, Out, Settings, LoadDotEnv: false, Time: Clock);
        var builder = StockBotHostFactory.CreateBuilder(environment, HostMode.Service, verbose: false);
        builder.Services.AddStockBotService();
        host = builder.Build();
        host.Services.GetService<IStartupValidator>()?.Validate();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        }

        await host.StartAsync();
        await Telegram.WaitForAsync("setMyCommands");
        await Telegram.WaitForAsync("getUpdates");
    }

    /// <summary>A `stockbot` command in-process on the same database (setup the tests do not test).</summary>
    public async Task<(int Code, string Out, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StockBotCli.RunAsync(args, new CliEnvironment(output, error, Settings, LoadDotEnv: false, Time: Clock));
        return (code, output.ToString(), error.ToString());
    }

    public async Task AddWebsiteAndMonitorsAsync(params int[] productIds)
    {
        var added = await CliAsync("website", "add", "--name", "Sim", "--url", Store.WebsiteUrl.ToString(), "--api-identifier", Store.Identifier, "--api-secret", Store.Secret, "--region", "US-East");
        Assert.True(added.Code == 0, added.Error);
        foreach (var pid in productIds)
        {
            var monitor = await CliAsync("monitor", "add", "--website", "1", "--product", pid.ToString(CultureInfo.InvariantCulture));
            Assert.True(monitor.Code == 0, monitor.Error);
        }
    }

    /// <summary>One monitoring cycle and one dispatch, as the schedule runs them, in the running host.</summary>
    public async Task<DispatchResult> RunCycleAsync()
    {
        await Services.GetRequiredService<MonitoringEngine>().RunCycleAsync(CancellationToken.None);
        return await DispatchAsync();
    }

    public async Task<DispatchResult> DispatchAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AlertDispatcher>().DispatchAsync(CancellationToken.None);
    }

    /// <summary>Sends a text as (user, chat) and waits for the bot's answer in that chat.</summary>
    public async Task<TelegramCall> CommandAsync(long userId, long chatId, string chatType, string text, string method = "sendMessage")
    {
        var before = CountSent(method, chatId);
        Telegram.EnqueueText(userId, chatId, chatType, text);
        return await Telegram.WaitForAsync(method, c => c.ChatId == Id(chatId), skip: before);
    }

    public int CountSent(string method, long chatId) => Telegram.Sent(method, Id(chatId)).Count;

    public long Count(string tableAndWhere)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {tableAndWhere}";
        return (long)command.ExecuteScalar()!;
    }

    public string? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync(TimeSpan.FromSeconds(5));
            host.Dispose();
        }

        await Telegram.DisposeAsync();
        await Simulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
