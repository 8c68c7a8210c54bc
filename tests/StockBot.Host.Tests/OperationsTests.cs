using StockBot.Testing;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using StockBot.Host.Cli;
using StockBot.Simulator;

namespace StockBot.Host.Tests;

public sealed class OperationsTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Health_BeforeAnyCycle_ExitsOne_AfterCheckExitsZero_AndWhenStaleExitsOne()
    {
        await cli.RunAsync("db", "init");

        var before = await cli.RunAsync("health");
        await cli.RunAsync("check");
        var after = await cli.RunAsync("health");
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(10));
        var stale = await RunWithClockAsync(later, "health");

        Assert.Equal(1, before.ExitCode);
        Assert.Contains("no monitoring cycle has finished yet", before.Error, StringComparison.Ordinal);
        Assert.Equal(0, after.ExitCode);
        Assert.StartsWith("healthy:", after.Out, StringComparison.Ordinal);
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("more than 3 intervals ago", stale.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_TelegramOnButNeverConnected_IsUnhealthy()
    {
        await cli.RunAsync("check");
        cli.Settings["Telegram:Token"] = "123:fake-token-for-health-test";
        cli.Settings["Telegram:ApiBaseUrl"] = "http://127.0.0.1:9";

        var result = await cli.RunAsync("health");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("telegram bot: not connected yet", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbStatsAndPrune_OnSampleData_ReportCountsAndKeepChanges()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var stats = await cli.RunAsync("db", "stats", "--json");
        var prune = await cli.RunAsync("db", "prune");

        Assert.Equal(0, stats.ExitCode);
        Assert.Equal(3, stats.Json.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "monitor_configs").GetProperty("rows").GetInt32());
        Assert.Equal(0, prune.ExitCode);
        Assert.Contains("Thinned 0 unchanged stock record(s)", prune.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunningBot_WithCliCommandsAndABackupAtTheSameTime_AllSucceed()
    {
        await using var simulator = await WhmcsSimulator.StartAsync();
        var store = simulator.AddStore("ops-id", "ops-secret-3318");
        for (var pid = 1; pid <= 20; pid++)
        {
            store.AddProduct(pid, $"P{pid}", 30);
        }

        await cli.RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
        for (var pid = 1; pid <= 20; pid++)
        {
            await cli.RunAsync("monitor", "add", "--website", "1", "--product", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var port = FreePort();
        await using var bot = StockBotProcess.Start(cli.Directory, new Dictionary<string, string>
        {
            ["ConnectionStrings__StockBot"] = $"Data Source={cli.DatabasePath}",
            ["Monitoring__Interval"] = "00:00:01",
            ["Health__Urls"] = $"http://127.0.0.1:{port}",
        });
        await bot.WaitForOutputAsync("Cycle done", TimeSpan.FromSeconds(60));

        var random = new Random(7);
        var failures = new List<string>();
        for (var i = 0; i < 15; i++)
        {
            simulator.MoveStock(0.5, random);
            foreach (var args in new[] { new[] { "status", "--json" }, ["monitor", "update", "1", "--high", (40 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)], ["history", "2", "--limit", "5"] })
            {
                var result = await cli.RunAsync(args);
                if (result.ExitCode != 0)
                {
                    failures.Add($"{string.Join(' ', args)}: {result.Error}");
                }
            }
        }

        var backupFile = Path.Combine(cli.Directory, "backup.db");
        var backup = await cli.RunAsync("db", "backup", backupFile);
        using var http = new HttpClient();
        var healthz = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
        var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        var (exitCode, _) = await bot.TerminateAsync(TimeSpan.FromSeconds(15));

        Assert.Empty(failures);
        Assert.Equal(0, backup.ExitCode);
        Assert.Contains("integrity check: ok", backup.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Contains("stockbot_cycles_total ", metrics, StringComparison.Ordinal);
        Assert.Contains("stockbot_alerts_pending 0", metrics, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("database is locked", bot.Output, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<CliResult> RunWithClockAsync(TimeProvider time, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StockBotCli.RunAsync(args, new CliEnvironment(output, error, cli.Settings, LoadDotEnv: false, Time: time));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
