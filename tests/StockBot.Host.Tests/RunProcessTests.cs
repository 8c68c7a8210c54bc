using StockBot.Testing;
using StockBot.Simulator;

namespace StockBot.Host.Tests;

public sealed class RunProcessTests : IDisposable
{
    private readonly TempFolder folder = new("stockbot-run-");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Run_NoTokens_SaysWhichBotsAreOffAndStopsCleanlyOnSigterm()
    {
        await using var bot = StockBotProcess.Start(folder.Path, new Dictionary<string, string>
        {
            ["WEBSITE_1_NAME"] = "Env Site",
            ["WEBSITE_1_URL"] = "https://billing.example.com",
            ["WEBSITE_1_API_ID"] = "env-identifier",
            ["WEBSITE_1_API_SECRET"] = "env-secret-never-logged",
        });

        await bot.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(60));
        var (exitCode, took) = await bot.TerminateAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exitCode);
        Assert.True(took < TimeSpan.FromSeconds(10), $"stopping took {took}");
        Assert.Contains("Telegram bot is off", bot.Output, StringComparison.Ordinal);
        Assert.Contains("Discord bot is off", bot.Output, StringComparison.Ordinal);
        Assert.Contains("Env Site", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("env-secret-never-logged", bot.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(folder.File("data", "stockbot.db")), "run creates the default database in the working directory");
    }

    [Fact]
    public async Task Run_Schedule_RunsCyclesAndDeliversARestockAlert()
    {
        await using var simulator = await WhmcsSimulator.StartAsync();
        var store = simulator.AddStore("run-identifier", "run-secret-5521");
        store.AddProduct(7, "Scheduled VPS", 1);
        using var cli = new CliHarness();
        await cli.RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "7");
        await cli.RunAsync("subscription", "add", "--platform", "console", "--channel", "ops");

        await using var bot = StockBotProcess.Start(folder.Path, new Dictionary<string, string>
        {
            ["ConnectionStrings__StockBot"] = $"Data Source={cli.DatabasePath}",
            ["Monitoring__Interval"] = "00:00:01",
        });
        await bot.WaitForOutputAsync("Cycle done", TimeSpan.FromSeconds(60));
        store.SetStock(7, 4);
        await bot.WaitForOutputAsync("More stock: Scheduled VPS", TimeSpan.FromSeconds(30));
        var (exitCode, _) = await bot.TerminateAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exitCode);
        Assert.Contains("1 → 4 (+3)", bot.Output, StringComparison.Ordinal);
        Assert.Equal(1, cli.Count("alert_deliveries WHERE status = 'sent'"));
        Assert.DoesNotContain(store.Secret, bot.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SigtermDuringASlowCycle_ExitsWithinTenSecondsAndLosesNothing()
    {
        await using var simulator = await WhmcsSimulator.StartAsync();
        using var cli = new CliHarness();
        var stores = new List<SimulatedStore>();
        for (var n = 1; n <= 3; n++)
        {
            var store = simulator.AddStore($"stop-id-{n}", $"stop-secret-{n}");
            store.AddProduct(1, "A", 5);
            store.AddProduct(2, "B", 5);
            stores.Add(store);
            await cli.RunAsync("website", "add", "--name", $"Site {n}", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
            await cli.RunAsync("monitor", "add", "--website", $"{n}", "--product", "1");
            await cli.RunAsync("monitor", "add", "--website", $"{n}", "--product", "2");
        }

        // Discord is off in this run, so its alerts wait in the outbox: they must still be there after the stop.
        await cli.RunAsync("subscription", "add", "--platform", "discord", "--channel", "123456789012345678");
        await using var bot = StockBotProcess.Start(folder.Path, new Dictionary<string, string>
        {
            ["ConnectionStrings__StockBot"] = $"Data Source={cli.DatabasePath}",
            ["Monitoring__Interval"] = "00:00:01",
        });
        await bot.WaitForOutputAsync("Cycle done", TimeSpan.FromSeconds(60));
        stores[0].SetStock(1, 9);
        await bot.WaitForOutputAsync("1 change(s)", TimeSpan.FromSeconds(30));
        foreach (var store in stores)
        {
            store.Latency = TimeSpan.FromSeconds(4);
            store.SetStock(2, 1);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var (exitCode, took) = await bot.TerminateAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exitCode);
        Assert.True(took < TimeSpan.FromSeconds(10), $"stopping took {took}");
        Assert.Equal("ok", await StockBot.Core.Maintenance.DatabaseMaintenance.IntegrityCheckAsync(cli.DatabasePath, CancellationToken.None));
        Assert.Equal(1, cli.Count("alert_deliveries WHERE status = 'pending'"));
        Assert.Equal(0, cli.Count("alert_deliveries WHERE status <> 'pending'"));
        // Every website's second read was cut off by the stop: each has its two initial records and nothing half-written.
        Assert.Equal(7, cli.Count("stock_records"));
        Assert.Equal(0, cli.Count("stock_records WHERE monitor_config_id IN (2, 4, 6) AND change_type <> 'initial'"));
    }
}
