using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using StockBot.Host.Web;
using StockBot.Simulator;
using StockBot.Testing;

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
        var stale = await cli.Runner.WithTime(later).RunAsync("health");

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
        // OpenTelemetry writes an empty label set as `{}`: the same series as no braces at all.
        Assert.Matches(@"(?m)^stockbot_cycles_total(\{\})? [1-9]", metrics);
        Assert.Matches(@"(?m)^stockbot_alerts_pending(\{\})? 0$", metrics);
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("database is locked", bot.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Metrics_AfterACycle_ServeTheCycleDurationHistogramErrorsByKindAndProcessAndRuntimeMetrics()
    {
        await using var simulator = await WhmcsSimulator.StartAsync();
        var store = simulator.AddStore("metrics-id", "metrics-secret-7730");
        store.AddProduct(1, "Listed VPS", 5);
        await cli.RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "1");
        var missing = await cli.RunAsync("monitor", "add", "--website", "1", "--product", "2", "--no-verify");
        Assert.Equal(0, missing.ExitCode);
        var port = FreePort();
        await using var service = await StartServiceAsync(port, clock: null);
        await service.RunCycleAsync();

        using var http = new HttpClient();
        using var response = await http.GetAsync(Url(port, WebEndpoint.MetricsPath));
        var metrics = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE stockbot_cycle_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^stockbot_cycle_duration_seconds_bucket\{le=""0\.05""\} \d", metrics);
        Assert.Matches(@"(?m)^stockbot_cycle_duration_seconds_bucket\{le=""\+Inf""\} [1-9]", metrics);
        Assert.Matches(@"(?m)^stockbot_cycle_duration_seconds_count(\{\})? [1-9]", metrics);
        Assert.Matches(@"(?m)^stockbot_cycle_duration_seconds_sum(\{\})? \d", metrics);
        Assert.Matches(@"(?m)^stockbot_checks_total(\{\})? [1-9]", metrics);
        Assert.Matches(@"(?m)^stockbot_check_errors_total\{kind=""ProductMissing""\} [1-9]", metrics);
        Assert.Matches(@"(?m)^process_memory_usage_bytes(\{\})? [1-9]", metrics);
        Assert.Matches(@"(?m)^process_cpu_time_seconds_total\{", metrics);
        Assert.Matches(@"(?m)^dotnet_gc_collections_total\{", metrics);
        Assert.Matches(@"(?m)^dotnet_thread_pool_thread_count(_total)?(\{\})? [1-9]", metrics);
    }

    [Fact]
    public async Task Healthz_CycleStale_Answers503WithTheReason()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var port = FreePort();
        await using var service = await StartServiceAsync(port, clock);
        await service.RunCycleAsync();

        using var http = new HttpClient();
        using var fresh = await http.GetAsync(Url(port, WebEndpoint.HealthPath));
        var freshBody = await fresh.Content.ReadAsStringAsync();
        clock.Advance(TimeSpan.FromMinutes(10));
        using var stale = await http.GetAsync(Url(port, WebEndpoint.HealthPath));
        var staleBody = await stale.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.StartsWith("healthy: database answers; last cycle just now: 0 monitor(s), 0 error(s)", freshBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stale.StatusCode);
        Assert.Equal("unhealthy: the last cycle finished 10 minutes ago, more than 3 intervals ago\n", staleBody);
    }

    [Fact]
    public async Task Health_MonitorsInError_IsDegradedButExitsZero_AndHealthzSaysSoWith200()
    {
        await using var simulator = await WhmcsSimulator.StartAsync();
        var store = simulator.AddStore("degraded-id", "degraded-secret-5521");
        store.AddProduct(1, "Listed VPS", 5);
        cli.Settings["Monitoring:ErrorAfterFailures"] = "1";
        await cli.RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "1");
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "2", "--no-verify");
        await cli.RunAsync("check");

        var health = await cli.RunAsync("health");
        var port = FreePort();
        await using var service = await StartServiceAsync(port, clock: null);
        await service.RunCycleAsync();
        using var http = new HttpClient();
        using var healthz = await http.GetAsync(Url(port, WebEndpoint.HealthPath));
        var body = await healthz.Content.ReadAsStringAsync();

        Assert.Equal(0, health.ExitCode);
        Assert.StartsWith("degraded: 1 of 2 monitor(s) in error on Sim (1); `stockbot status` says why; database answers", health.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.StartsWith("degraded: 1 of 2 monitor(s) in error", body, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Uri Url(int port, string path) => new($"http://127.0.0.1:{port}{path}");

    /// <summary>The service host as `run` builds it, on this test's database, with Health:Urls on <paramref name="port"/>.</summary>
    private async Task<StockBotHostHarness> StartServiceAsync(int port, FakeTimeProvider? clock)
    {
        var service = new StockBotHostHarness("stockbot-ops-", clock);
        foreach (var (key, value) in cli.Settings)
        {
            service.Settings[key] = value;
        }

        service.Settings["Health:Urls"] = $"http://127.0.0.1:{port}";
        try
        {
            await service.StartAsync();
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }
}
