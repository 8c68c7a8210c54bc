using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockBot.Core;
using StockBot.Core.Monitoring;
using StockBot.Core.Monitors;
using StockBot.Core.Subscriptions;
using StockBot.Core.Websites;
using StockBot.Data;
using StockBot.Data.Entities;
using StockBot.Simulator;
using StockBot.Simulator.Storefront;

namespace StockBot.Bench;

/// <summary>
/// Storefront mode on the simulator: every website read from its order pages (listings per group, a=add probes
/// only where no listing decides), with the real politeness gap. Each simulated store gets a host name of its own
/// (connected to the loopback listener), so the per-host gate applies per website as it does in production.
/// </summary>
internal sealed class StorefrontBenchmark(BenchOptions options)
{
    private const double MoveFraction = 0.10;

    // Families whose listings decide every product (standard_cart: those with stock; a sold-out one is probed).
    private static readonly StorefrontTemplate[] Templates =
        [StorefrontTemplate.StandardCart, StorefrontTemplate.PremiumComparison, StorefrontTemplate.SupremeComparison, StorefrontTemplate.Lagom];

    private readonly Random random = new(options.Seed);
    private readonly List<SimulatedStore> stores = [];
    private readonly List<double> cycleMs = [];
    private long monitors, changes, events, errors, requests, probes, allocated;
    private TimeSpan cpu;
    private TimeSpan calibrationCpuPerRequest;

    public async Task<StorefrontBenchmark> RunAsync(CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("stockbot-bench-sf-").FullName;
        try
        {
            await using var simulator = await WhmcsSimulator.StartAsync(cancellationToken: ct);
            var port = simulator.BaseAddress.Port;
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:StockBot"] = $"Data Source={Path.Combine(folder, "bench.db")}",
                ["Monitoring:MaxConcurrentWebsites"] = options.Concurrency.ToString(CultureInfo.InvariantCulture),
                ["Monitoring:RequestTimeout"] = "00:00:30",
                ["Storefront:MinRequestGap"] = TimeSpan.FromMilliseconds(options.GapMs).ToString("c", CultureInfo.InvariantCulture),
                ["Security:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            }).Build();
            var services = new ServiceCollection()
                .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
                .AddStockBotCore(config);
            // Every bench-N.storefront.test host connects to the simulator's loopback port.
            services.AddHttpClient("StockBot.Storefront").ConfigurePrimaryHttpMessageHandler((handler, _) =>
                ((SocketsHttpHandler)handler).ConnectCallback = ConnectToLoopbackAsync(port));
            await using var provider = services.BuildServiceProvider();
            await SetUpAsync(provider, simulator, port, ct);
            var engine = provider.GetRequiredService<MonitoringEngine>();

            Progress.Say("storefront warm-up cycle (initial records, catalogue)");
            Check(await engine.RunCycleAsync(ct), "warm-up");
            await CalibrateAsync(port, ct);
            await MeasureAsync(engine, ct);
            return this;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectToLoopbackAsync(int port) =>
        async (_, token) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    private static Uri HostOf(SimulatedStore store, int port) => new($"http://bench-{store.Id}.storefront.test:{port}/store/{store.Id}");

    private async Task SetUpAsync(ServiceProvider provider, WhmcsSimulator simulator, int port, CancellationToken ct)
    {
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        }

        Progress.Say($"setup: {options.Websites} storefront websites x {options.Products} products in {options.Groups} groups, {options.LatencyMs} ms latency, {options.GapMs} ms gap");
        for (var w = 1; w <= options.Websites; w++)
        {
            var store = simulator.AddStore($"sf-{w}", "unused");
            store.Storefront.Template = Templates[(w - 1) % Templates.Length];
            store.Storefront.Latency = TimeSpan.FromMilliseconds(options.LatencyMs);
            for (var p = 1; p <= options.Products; p++)
            {
                store.AddProduct(p, $"Plan {w}-{p}", random.Next(1, 60), gid: ((p - 1) % options.Groups) + 1);
            }

            stores.Add(store);
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var site = await scope.ServiceProvider.GetRequiredService<WebsiteService>()
                .CreateAsync(new WebsiteInput($"Store {w}", HostOf(store, port).ToString(), null, null, "bench", Mode: WebsiteMode.Storefront), ct);
            var monitorService = scope.ServiceProvider.GetRequiredService<MonitorService>();
            for (var p = 1; p <= options.Products; p++)
            {
                await monitorService.CreateAsync(new MonitorInput(site.Id, p, ThresholdLow: 5), ct);
            }

            await transaction.CommitAsync(ct);
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SubscriptionService>()
                .AddAsync(new SubscriptionInput(Platform.Discord, "100000000000000001", Events: "restock,purchase,threshold,error,new", CreatedBy: "bench"), ct);
        }
    }

    /// <summary>The simulator's own CPU per page: the same listing pages fetched and thrown away, no parsing.</summary>
    private async Task CalibrateAsync(int port, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectCallback = ConnectToLoopbackAsync(port) };
        using var client = new HttpClient(handler);
        var pages = stores.SelectMany(s => Enumerable.Range(1, options.Groups).Select(g => new Uri($"{HostOf(s, port)}/cart.php?gid={g}&language=english"))).ToList();
        async Task RoundAsync() => await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (uri, token) => _ = await client.GetByteArrayAsync(uri, token));
        await RoundAsync();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        await RoundAsync();
        process.Refresh();
        calibrationCpuPerRequest = (process.TotalProcessorTime - before) / pages.Count;
        Progress.Say($"calibration: {calibrationCpuPerRequest.TotalMicroseconds:F0} us CPU per bare listing page");
    }

    private async Task MeasureAsync(MonitoringEngine engine, CancellationToken ct)
    {
        foreach (var store in stores)
        {
            store.Storefront.ClearRequests();
        }

        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var allocBefore = GC.GetTotalAllocatedBytes(precise: false);
        for (var i = 1; i <= options.Cycles; i++)
        {
            // Stock moves, never to 0 or stock control off: every product stays one a listing decides.
            foreach (var store in stores)
            {
                for (var p = 1; p <= options.Products; p++)
                {
                    if (random.NextDouble() < MoveFraction)
                    {
                        store.SetStock(p, random.Next(1, 60));
                    }
                }
            }

            var started = Stopwatch.GetTimestamp();
            var result = await engine.RunCycleAsync(ct);
            cycleMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Check(result, $"cycle {i}");
            monitors += result.MonitorsChecked;
            changes += result.Changes;
            events += result.Events;
            errors += result.Errors;
            Progress.Say($"storefront cycle {i}/{options.Cycles}: {cycleMs[^1]:F0} ms, {result.Changes} changes, {result.Errors} errors");
        }

        process.Refresh();
        cpu = process.TotalProcessorTime - cpuBefore;
        allocated = GC.GetTotalAllocatedBytes(precise: false) - allocBefore;
        requests = stores.Sum(s => (long)s.Storefront.RequestCount);
        probes = stores.Sum(s => (long)s.Storefront.Requests.Count(r => r.Query.Contains("a=add", StringComparison.Ordinal)));
    }

    private static void Check(CycleResult result, string what)
    {
        if (result.Errors > 0)
        {
            throw new BenchFailure($"{what}: {result.Errors} monitors failed to read");
        }
    }

    /// <summary>Per website: G listing requests with G - 1 gaps between them, each answer after the latency; websites in rounds of the concurrency.</summary>
    private double FloorMs =>
        Math.Ceiling(options.Websites / (double)options.Concurrency) * ((options.Groups * options.LatencyMs) + ((options.Groups - 1) * options.GapMs));

    private double PerCycle(long total) => total / (double)options.Cycles;

    public string Table()
    {
        var cycles = options.Cycles;
        var perWebsite = PerCycle(requests) / options.Websites;
        var cpuPerMonitor = cpu.TotalMicroseconds / monitors;
        var simulatorCpu = calibrationCpuPerRequest.TotalMicroseconds * (requests - probes);
        var engineCpuPerMonitor = (cpu.TotalMicroseconds - simulatorCpu) / monitors;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"storefront mode: {options.Websites} websites x {options.Products} products in {options.Groups} groups, {options.LatencyMs} ms latency, {options.GapMs} ms gap, concurrency {options.Concurrency}, {cycles} cycles");
        text.AppendLine(CultureInfo.InvariantCulture, $"requests per website per cycle   {perWebsite:F2} (listings {(PerCycle(requests - probes) / options.Websites):F2}, a=add probes {(PerCycle(probes) / options.Websites):F2})");
        text.AppendLine(CultureInfo.InvariantCulture, $"cycle time (median)              {Stats.Median(cycleMs) / 1000:F1} s; politeness floor {FloorMs / 1000:F1} s (ratio {Stats.Median(cycleMs) / FloorMs:F2})");
        text.AppendLine(CultureInfo.InvariantCulture, $"CPU per monitor                  {cpuPerMonitor:F1} us with the simulator; {engineCpuPerMonitor:F1} us without its pages ({calibrationCpuPerRequest.TotalMicroseconds:F0} us per bare page)");
        text.AppendLine(CultureInfo.InvariantCulture, $"allocated per cycle              {allocated / (double)cycles / (1024 * 1024):F1} MiB ({allocated / (double)monitors / 1024:F1} KiB per monitor, simulator included)");
        text.AppendLine(CultureInfo.InvariantCulture, $"changes / events / errors        {changes} / {events} / {errors}");
        return text.ToString();
    }

    public string Json() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["websites"] = options.Websites,
        ["products"] = options.Products,
        ["groups"] = options.Groups,
        ["latency_ms"] = options.LatencyMs,
        ["gap_ms"] = options.GapMs,
        ["cycles"] = options.Cycles,
        ["requests_per_website_per_cycle"] = PerCycle(requests) / options.Websites,
        ["probes_per_website_per_cycle"] = PerCycle(probes) / options.Websites,
        ["cycle_ms_median"] = Stats.Median(cycleMs),
        ["floor_ms"] = FloorMs,
        ["cpu_us_per_monitor"] = cpu.TotalMicroseconds / monitors,
        ["calibration_us_per_page"] = calibrationCpuPerRequest.TotalMicroseconds,
        ["allocated_bytes_per_cycle"] = allocated / (double)options.Cycles,
    });
}
