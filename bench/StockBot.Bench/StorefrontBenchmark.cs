using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
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
using StockBot.Storefront;

namespace StockBot.Bench;

/// <summary>
/// Storefront mode on the simulator: every website read from its order pages (listings per group, a=add probes
/// only where no listing decides), with the real politeness gap. Each simulated store gets a host name of its own
/// (connected to the loopback listener), so the per-host gate applies per website as it does in production.
/// </summary>
internal sealed class StorefrontBenchmark(BenchOptions options)
{
    private readonly List<double> cycleMs = [];
    private long monitors, changes, events, errors, requests, probes, allocated;
    private TimeSpan cpu, simulatorCpu, readerCpu, jit, gcPause;
    private long jitMethods, gen0, switches;
    private long readerMonitors;
    private TimeSpan calibrationCpuPerRequest;
    private bool outOfProcess;

    public async Task<StorefrontBenchmark> RunAsync(CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("stockbot-bench-sf-").FullName;
        try
        {
            await using var stores = await StorefrontStores.StartAsync(options, ct);
            outOfProcess = stores.OutOfProcess;
            var port = stores.Port;
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
            await SetUpAsync(provider, stores, port, ct);
            var engine = provider.GetRequiredService<MonitoringEngine>();

            await WarmUpAsync(engine, stores, ct);
            if (!outOfProcess)
            {
                await CalibrateAsync(stores, port, ct);
            }

            await MeasureAsync(engine, stores, ct);
            await MeasureReaderAsync(provider.GetRequiredService<StorefrontReader>(), port, ct);
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

    private static Uri HostOf(int store, int port) => new($"http://bench-{store}.storefront.test:{port}/store/{store}");

    private async Task SetUpAsync(ServiceProvider provider, StorefrontStores stores, int port, CancellationToken ct)
    {
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        }

        Progress.Say($"setup: {options.Websites} storefront websites x {options.Products} products in {options.Groups} groups, {options.LatencyMs} ms latency, {options.GapMs} ms gap, simulator {(stores.OutOfProcess ? "in a child process" : "in process")}");
        for (var w = 1; w <= stores.Count; w++)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var site = await scope.ServiceProvider.GetRequiredService<WebsiteService>()
                .CreateAsync(new WebsiteInput($"Store {w}", HostOf(w, port).ToString(), null, null, "bench", Mode: WebsiteMode.Storefront), ct);
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
    private async Task CalibrateAsync(StorefrontStores stores, int port, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectCallback = ConnectToLoopbackAsync(port) };
        using var client = new HttpClient(handler);
        var pages = Enumerable.Range(1, stores.Count).SelectMany(s => Enumerable.Range(1, options.Groups).Select(g => new Uri($"{HostOf(s, port)}/cart.php?gid={g}&language=english"))).ToList();
        async Task RoundAsync() => await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (uri, token) => _ = await client.GetByteArrayAsync(uri, token));
        await RoundAsync();
        var before = SimulatorChild.ProcessCpu();
        await RoundAsync();
        calibrationCpuPerRequest = (SimulatorChild.ProcessCpu() - before) / pages.Count;
        Progress.Say($"calibration: {calibrationCpuPerRequest.TotalMicroseconds:F0} us CPU per bare listing page");
    }

    /// <summary>
    /// The first cycle records every product and reads the catalogue; each further one moves stock from the warm-up's
    /// own draws (the last puts it back), so that the engine's change and event paths are warm too and the measured
    /// cycles start from the same stores and draws whatever the count. JIT time per cycle shows when tiering is done.
    /// </summary>
    private async Task WarmUpAsync(MonitoringEngine engine, StorefrontStores stores, CancellationToken ct)
    {
        for (var i = 1; i <= options.WarmupCycles; i++)
        {
            if (i > 1)
            {
                await (i == options.WarmupCycles ? stores.RestoreStockAsync(ct) : stores.WarmUpMoveAsync(ct));
            }

            var jitBefore = JitInfo.GetCompilationTime();
            var methodsBefore = JitInfo.GetCompiledMethodCount();
            var result = await engine.RunCycleAsync(ct);
            Check(result, $"warm-up {i}");
            Progress.Say($"storefront warm-up cycle {i}/{options.WarmupCycles}{(i == 1 ? " (initial records, catalogue)" : i == options.WarmupCycles ? " (stock put back)" : " (warm-up moves)")}: " +
                $"{result.Changes} changes, JIT {(JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds:F0} ms for {JitInfo.GetCompiledMethodCount() - methodsBefore} methods");
        }
    }

    private async Task MeasureAsync(MonitoringEngine engine, StorefrontStores stores, CancellationToken ct)
    {
        await stores.ClearRequestsAsync(ct);
        GC.Collect();
        var cpuBefore = SimulatorChild.ProcessCpu();
        var simulatorBefore = await stores.SimulatorCpuAsync(ct);
        var allocBefore = GC.GetTotalAllocatedBytes(precise: false);
        var jitBefore = JitInfo.GetCompilationTime();
        var methodsBefore = JitInfo.GetCompiledMethodCount();
        var gcBefore = GC.GetTotalPauseDuration();
        var switchesBefore = ContextSwitches();
        var collectionsBefore = GC.CollectionCount(0);
        for (var i = 1; i <= options.Cycles; i++)
        {
            await stores.MoveStockAsync(ct);
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

        // Out of process, the moves and the counting are the child's: the bench's CPU stops with the last cycle.
        cpu = SimulatorChild.ProcessCpu() - cpuBefore;
        allocated = GC.GetTotalAllocatedBytes(precise: false) - allocBefore;
        switches = ContextSwitches() - switchesBefore;
        jit = JitInfo.GetCompilationTime() - jitBefore;
        jitMethods = JitInfo.GetCompiledMethodCount() - methodsBefore;
        gcPause = GC.GetTotalPauseDuration() - gcBefore;
        gen0 = GC.CollectionCount(0) - collectionsBefore;
        simulatorCpu = await stores.SimulatorCpuAsync(ct) - simulatorBefore;
        (requests, probes) = await stores.CountRequestsAsync(ct);
    }

    /// <summary>
    /// One more pass with the storefront reader alone (HTTP, cookies, gates, parsing; no engine, no database), at
    /// the engine's concurrency: what is left of the engine's CPU per monitor is the engine's and the database's.
    /// </summary>
    private async Task MeasureReaderAsync(StorefrontReader reader, int port, CancellationToken ct)
    {
        var products = Enumerable.Range(1, options.Products).ToArray();
        GC.Collect();
        var before = SimulatorChild.ProcessCpu();
        await Parallel.ForEachAsync(Enumerable.Range(1, options.Websites), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (w, token) =>
            {
                var result = await reader.ReadAsync(HostOf(w, port), products, token);
                Interlocked.Add(ref readerMonitors, result.Failure is null ? products.Length : 0);
            });
        readerCpu = SimulatorChild.ProcessCpu() - before;
        Progress.Say($"storefront reader alone: {readerCpu.TotalMilliseconds:F0} ms CPU for {readerMonitors} monitors");
    }

    /// <summary>
    /// Context switches of every thread of this process so far (Linux /proc; 0 elsewhere): each thread wake-up is one,
    /// and on a small VM they, not the managed code, are much of the CPU a page costs.
    /// </summary>
    private static long ContextSwitches()
    {
        long total = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            total += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                        }
                    }
                }
                catch (IOException)
                {
                    // The thread ended while we looked: its switches are lost to both readings alike, near enough.
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
        }

        return total;
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

    private double ReaderCpuPerMonitor => readerMonitors == 0 ? 0 : readerCpu.TotalMicroseconds / readerMonitors;

    private double PerCycle(long total) => total / (double)options.Cycles;

    public string Table()
    {
        var cycles = options.Cycles;
        var perWebsite = PerCycle(requests) / options.Websites;
        var cpuPerMonitor = cpu.TotalMicroseconds / monitors;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"storefront mode: {options.Websites} websites x {options.Products} products in {options.Groups} groups, {options.LatencyMs} ms latency, {options.GapMs} ms gap, concurrency {options.Concurrency}, {cycles} cycles after {options.WarmupCycles} warm-up");
        text.AppendLine(CultureInfo.InvariantCulture, $"requests per website per cycle   {perWebsite:F2} (listings {(PerCycle(requests - probes) / options.Websites):F2}, a=add probes {(PerCycle(probes) / options.Websites):F2})");
        text.AppendLine(CultureInfo.InvariantCulture, $"cycle time (median)              {Stats.Median(cycleMs) / 1000:F1} s; politeness floor {FloorMs / 1000:F1} s (ratio {Stats.Median(cycleMs) / FloorMs:F2})");
        if (outOfProcess)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"CPU per monitor                  {cpuPerMonitor:F1} us StockBot's process alone (the simulator's child process: {simulatorCpu.TotalMicroseconds / monitors:F1} us more)");
            text.AppendLine(CultureInfo.InvariantCulture, $"  of which the storefront reader {ReaderCpuPerMonitor:F1} us (one pass of the reader alone: HTTP + parsing); engine and database {cpuPerMonitor - ReaderCpuPerMonitor:F1} us");
        }
        else
        {
            var engineCpuPerMonitor = (cpu.TotalMicroseconds - (calibrationCpuPerRequest.TotalMicroseconds * (requests - probes))) / monitors;
            text.AppendLine(CultureInfo.InvariantCulture, $"CPU per monitor                  {cpuPerMonitor:F1} us with the simulator; {engineCpuPerMonitor:F1} us without its pages ({calibrationCpuPerRequest.TotalMicroseconds:F0} us per bare page)");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"allocated per cycle              {allocated / (double)cycles / (1024 * 1024):F1} MiB ({allocated / (double)monitors / 1024:F1} KiB per monitor, {(outOfProcess ? "StockBot only" : "simulator included")})");
        text.AppendLine(CultureInfo.InvariantCulture, $"JIT in the measured cycles       {jit.TotalMicroseconds / monitors:F1} us per monitor ({jit.TotalMilliseconds:F0} ms, {jitMethods} methods); GC pauses {gcPause.TotalMicroseconds / monitors:F1} us per monitor ({gen0} gen0 collections)");
        text.AppendLine(CultureInfo.InvariantCulture, $"context switches                 {switches / (double)(requests == 0 ? 1 : requests):F1} per request ({switches / (double)monitors:F2} per monitor; threads that ended in the window not counted)");
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
        ["warmup_cycles"] = options.WarmupCycles,
        ["jit_us_per_monitor"] = jit.TotalMicroseconds / monitors,
        ["gc_pause_us_per_monitor"] = gcPause.TotalMicroseconds / monitors,
        ["context_switches_per_request"] = switches / (double)(requests == 0 ? 1 : requests),
        ["requests_per_website_per_cycle"] = PerCycle(requests) / options.Websites,
        ["probes_per_website_per_cycle"] = PerCycle(probes) / options.Websites,
        ["cycle_ms_median"] = Stats.Median(cycleMs),
        ["floor_ms"] = FloorMs,
        ["cpu_us_per_monitor"] = cpu.TotalMicroseconds / monitors,
        ["simulator_out_of_process"] = outOfProcess,
        ["reader_cpu_us_per_monitor"] = ReaderCpuPerMonitor,
        ["simulator_cpu_us_per_monitor"] = simulatorCpu.TotalMicroseconds / monitors,
        ["calibration_us_per_page"] = calibrationCpuPerRequest.TotalMicroseconds,
        ["allocated_bytes_per_cycle"] = allocated / (double)options.Cycles,
    });
}
