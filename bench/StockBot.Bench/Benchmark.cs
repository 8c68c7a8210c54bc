using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockBot.Core;
using StockBot.Core.Monitoring;
using StockBot.Core.Monitors;
using StockBot.Core.Status;
using StockBot.Core.Subscriptions;
using StockBot.Core.Websites;
using StockBot.Data;
using StockBot.Data.Entities;

namespace StockBot.Bench;

internal sealed class Benchmark(BenchOptions options)
{
    private const double MoveFraction = 0.10;
    private const int CalibrationRoundsMax = 20;
    private static readonly int HistoryWarmUpCalls = int.TryParse(Environment.GetEnvironmentVariable("BENCH_HISTORY_WARMUP"), out var n) ? n : 20;
    private readonly Random random = new(options.Seed);
    private readonly BenchResults results = new();
    private ApiStores stores = null!;
    private readonly List<int> monitorIds = [];
    private string connectionString = string.Empty;
    private string dbPath = string.Empty;

    private BenchPostgres? postgres;

    /// <summary>The engine's configuration, the same in this process and in each `--instances 2` engine child.</summary>
    public static IConfiguration Configuration(BenchOptions options, string connectionString, string key, string? instanceName) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:StockBot"] = connectionString,
            ["Database:Provider"] = options.Provider,
            ["Cluster:InstanceName"] = instanceName,
            ["Monitoring:MaxConcurrentWebsites"] = options.Concurrency.ToString(CultureInfo.InvariantCulture),
            ["Monitoring:RequestTimeout"] = "00:00:30",
            ["Security:EncryptionKey"] = key,
        }).Build();

    public static ServiceCollection Services(IConfiguration config)
    {
        var services = new ServiceCollection();
        services
            .AddLogging(logging => logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddStockBotCore(config);
        return services;
    }

    public async Task<BenchResults> RunAsync(CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("stockbot-bench-").FullName;
        dbPath = Path.Combine(folder, "bench.db");
        results.Options = options;
        if (options.Postgres)
        {
            postgres = await BenchPostgres.StartAsync(options.Connection, ct);
            connectionString = postgres.ConnectionString;
            Progress.Say($"database {new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database} on PostgreSQL{(postgres.Throwaway ? " (throwaway server, fsync off)" : string.Empty)}");
        }
        else
        {
            connectionString = $"Data Source={dbPath}";
            Progress.Say($"database {dbPath}");
        }

        try
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var services = Services(Configuration(options, connectionString, key, options.Instances == 2 ? "bench-setup" : "bench-1"));
            Experiments.Apply(services, options.Experiment);
            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
            await using var simulator = await ApiStores.StartAsync(options, ct);
            stores = simulator;
            results.SimulatorOutOfProcess = simulator.OutOfProcess;
            using var profiler = new EfProfiler();

            await SetUpAsync(provider, simulator, ct);
            if (options.Instances == 2)
            {
                results.ClusterReport = await new ClusterRun(options, simulator, postgres!, key).RunAsync(ct);
                return results;
            }

            var engine = provider.GetRequiredService<MonitoringEngine>();
            if (options.Postgres)
            {
                // As `run` does on a shared database: this instance joins, so it leases each website it reads (rows per cycle include it).
                await provider.GetRequiredService<StockBot.Core.Cluster.ClusterMembership>().JoinAsync(ct);
            }

            await WarmUpAsync(engine, ct);
            await MeasureCyclesAsync(engine, simulator, ct);
            await MeasureUnchangedCycleAsync(engine, ct);
            await CalibrateAsync(simulator, ct);
            await ProfileAsync(engine, simulator, profiler, ct);
            if (!options.Postgres)
            {
                await MeasureHistoryAsync(provider, engine, simulator, profiler, ct);
            }

            results.PeakMb = MemorySampler.LifetimePeakMb();

            Progress.Say("done");
            return results;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            if (options.KeepDb)
            {
                Progress.Say($"database kept at {dbPath}");
            }
            else
            {
                TryDelete(folder);
            }
        }
    }

    private async Task SetUpAsync(ServiceProvider provider, ApiStores simulator, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        }

        Progress.Say($"setup: {options.Websites} websites x {options.Products} products, simulator at {simulator.BaseAddress} with {options.LatencyMs} ms latency, {(simulator.OutOfProcess ? "in a child process" : "in process")}");
        for (var w = 1; w <= options.Websites; w++)
        {
            var (websiteUrl, identifier, secret) = simulator.Store(w);

            // One transaction per website: the services' own SaveChanges join it, so setup is not one fsync per row.
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var website = await scope.ServiceProvider.GetRequiredService<WebsiteService>()
                .CreateAsync(new WebsiteInput($"Bench site {w}", websiteUrl.ToString(), identifier, secret, "bench"), ct);
            var monitors = scope.ServiceProvider.GetRequiredService<MonitorService>();
            for (var p = 1; p <= options.Products; p++)
            {
                // A low threshold, as admins set them: threshold events are part of the write load.
                var monitor = await monitors.CreateAsync(new MonitorInput(website.Id, p, ThresholdLow: 5), ct);
                monitorIds.Add(monitor.Id);
            }

            await transaction.CommitAsync(ct);
            if (w % 100 == 0 || w == options.Websites)
            {
                Progress.Say($"setup: {w}/{options.Websites} websites in the database");
            }
        }

        // One subscription to everything, so events queue alert_deliveries rows as in production.
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SubscriptionService>()
                .AddAsync(new SubscriptionInput(Platform.Discord, "100000000000000001", CreatedBy: "bench"), ct);
        }

        results.SetupSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private async Task WarmUpAsync(MonitoringEngine engine, CancellationToken ct)
    {
        Progress.Say("warm-up cycle (initial records)");
        var result = await engine.RunCycleAsync(ct);
        results.WarmUpMs = result.DurationMs;
        Check(result, "warm-up");
        Progress.Say($"warm-up: {result.MonitorsChecked} monitors, {result.Changes} changes, {result.Events} events in {result.DurationMs} ms");
    }

    private async Task MeasureCyclesAsync(MonitoringEngine engine, ApiStores simulator, CancellationToken ct)
    {
        var before = await CountRowsAsync(ct);
        var sizeBefore = await CheckpointAndMeasureAsync(ct);
        var writesBefore = postgres is null ? null : await postgres.TableWritesAsync(ct);
        var requestsBefore = await simulator.TotalRequestsAsync(ct);
        var times = new List<double>(options.Cycles);
        long monitors = 0, changes = 0, events = 0, alerts = 0;
        var moved = 0L;

        using var process = Process.GetCurrentProcess();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var allocBefore = GC.GetTotalAllocatedBytes(precise: false);
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        results.SetupPeakMb = MemorySampler.LifetimePeakMb();
        using var memory = MemorySampler.Start();
        var lastReport = Stopwatch.GetTimestamp();
        Progress.Say($"measuring {options.Cycles} cycles, {MoveFraction:P0} of products moving before each");
        for (var i = 1; i <= options.Cycles; i++)
        {
            moved += await simulator.MoveStockAsync(MoveFraction, ct);
            var started = Stopwatch.GetTimestamp();
            var result = await engine.RunCycleAsync(ct);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Check(result, $"cycle {i}");
            monitors += result.MonitorsChecked;
            changes += result.Changes;
            events += result.Events;
            alerts += result.AlertsQueued;
            if (Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(10) || i == options.Cycles)
            {
                lastReport = Stopwatch.GetTimestamp();
                Progress.Say($"cycle {i}/{options.Cycles}: {times[^1]:F0} ms (median so far {Stats.Median(times):F0} ms), {result.Changes} changes");
            }
        }

        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        memory.Stop();
        results.CyclePeakMb = memory.PeakWorkingSetMb;
        results.CyclePeakHeapMb = memory.PeakHeapMb;
        results.AllocatedBytes = GC.GetTotalAllocatedBytes(precise: false) - allocBefore;
        results.Gc = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        results.CycleTimes = times;
        results.MonitorsChecked = monitors;
        results.Changes = changes;
        results.Events = events;
        results.AlertsQueued = alerts;
        results.ProductsMoved = moved;
        results.CpuRaw = cpu;
        results.CycleRequests = await simulator.TotalRequestsAsync(ct) - requestsBefore;

        results.HeapAfterGcMb = MemorySampler.HeapAfterFullGcMb();
        Progress.Say($"memory during cycles: peak working set {results.CyclePeakMb:F1} MiB, peak GC heap {results.CyclePeakHeapMb:F1} MiB; {results.HeapAfterGcMb:F1} MiB managed after a full GC");
        if (postgres is not null)
        {
            results.TableWrites = BenchPostgres.Delta(writesBefore!, await postgres.TableWritesAsync(ct));
        }

        var after = await CountRowsAsync(ct);
        var sizeAfter = await CheckpointAndMeasureAsync(ct);
        results.RowsDelta = after - before;
        results.DbBytesBefore = sizeBefore;
        results.DbBytesAfter = sizeAfter;
    }

    private async Task MeasureUnchangedCycleAsync(MonitoringEngine engine, CancellationToken ct)
    {
        var before = await CountRowsAsync(ct);
        var result = await engine.RunCycleAsync(ct);
        Check(result, "unchanged cycle");
        var after = await CountRowsAsync(ct);
        results.UnchangedDelta = after - before;
        results.UnchangedCycleMs = result.DurationMs;
        Progress.Say($"cycle without stock movement: {results.UnchangedDelta.StockRecords} stock_records, {results.UnchangedDelta.Histories} monitor_histories rows added ({result.DurationMs} ms)");
    }

    /// <summary>
    /// The simulator runs in this process, so its CPU is in Process.TotalProcessorTime. Send the same
    /// requests with a bare HttpClient (same concurrency, same latency, same form) and take the CPU per request.
    /// </summary>
    private async Task CalibrateAsync(ApiStores simulator, CancellationToken ct)
    {
        var rounds = Math.Min(options.Cycles, CalibrationRoundsMax);
        Progress.Say($"calibration: {rounds} rounds of {options.Websites} bare HTTP requests against the simulator");
        var pids = string.Join(',', Enumerable.Range(1, options.Products).Select(p => p.ToString(CultureInfo.InvariantCulture)));
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        async Task RoundAsync()
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(1, stores.Count).Select(stores.Store),
                new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
                async (entry, token) =>
                {
                    using var content = new FormUrlEncodedContent(
                    [
                        new("action", "GetProducts"),
                        new("identifier", entry.Identifier),
                        new("secret", entry.Secret),
                        new("responsetype", "json"),
                        new("pid", pids),
                    ]);
                    using var response = await client.PostAsync(new Uri(entry.WebsiteUrl + "/includes/api.php"), content, token);
                    var body = await response.Content.ReadAsByteArrayAsync(token);
                    if (!response.IsSuccessStatusCode || body.Length == 0)
                    {
                        throw new BenchFailure($"calibration request failed: HTTP {(int)response.StatusCode}");
                    }
                });
        }

        await RoundAsync(); // connections and JIT
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var requestsBefore = await simulator.TotalRequestsAsync(ct);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < rounds; i++)
        {
            await RoundAsync();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var requests = await simulator.TotalRequestsAsync(ct) - requestsBefore;
        // Out of process the simulator's CPU is not ours: nothing to subtract (the bare client's CPU is the bot's own work).
        results.CalibrationCpuPerRequest = simulator.OutOfProcess ? TimeSpan.Zero : cpu / requests;
        results.CalibrationRoundMs = elapsed.TotalMilliseconds / rounds;
        Progress.Say($"calibration: {cpu.TotalMicroseconds / requests:F0} us CPU per bare request, {elapsed.TotalMilliseconds / rounds:F0} ms per round");
    }

    /// <summary>Extra cycles, not part of the figures above: EF timings, and the same cycle without network latency.</summary>
    private async Task ProfileAsync(MonitoringEngine engine, ApiStores simulator, EfProfiler profiler, CancellationToken ct)
    {
        if (options.ProfileCycles == 0)
        {
            return;
        }

        Progress.Say($"profile: {options.ProfileCycles} cycles with EF timings");
        var wall = 0.0;
        profiler.Reset();
        profiler.Enabled = true;
        for (var i = 0; i < options.ProfileCycles; i++)
        {
            await simulator.MoveStockAsync(MoveFraction, ct);
            var started = Stopwatch.GetTimestamp();
            Check(await engine.RunCycleAsync(ct), "profile cycle");
            wall += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        profiler.Enabled = false;
        results.Profile = profiler.Snapshot();
        results.ProfileCycles = options.ProfileCycles;
        results.ProfileWallMs = wall / options.ProfileCycles;
        results.ProfileSql = results.Profile.Select(l => (l.What, profiler.SqlFor(l.What))).Where(p => p.Item2 is not null).ToDictionary(p => p.What, p => p.Item2!);

        Progress.Say($"profile: {options.ProfileCycles} cycles with zero network latency");
        await simulator.SetZeroLatencyAsync(zero: true, ct);

        try
        {
            var times = new List<double>();
            for (var i = 0; i < options.ProfileCycles; i++)
            {
                await simulator.MoveStockAsync(MoveFraction, ct);
                var started = Stopwatch.GetTimestamp();
                Check(await engine.RunCycleAsync(ct), "zero-latency cycle");
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            results.ZeroLatencyCycleMs = Stats.Median(times);
        }
        finally
        {
            await simulator.SetZeroLatencyAsync(zero: false, ct);
        }
    }

    private async Task MeasureHistoryAsync(ServiceProvider provider, MonitoringEngine engine, ApiStores simulator, EfProfiler profiler, CancellationToken ct)
    {
        var monitorId = monitorIds[0];
        var records = options.HistoryRecords;
        Progress.Say($"history: inserting {records:N0} stock records for monitor {monitorId}");
        var started = Stopwatch.GetTimestamp();
        await InsertHistoryAsync(monitorId, records, await simulator.FirstStockAsync(ct), ct);
        results.HistoryInsertSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        results.HistoryRecordsInserted = records;
        Progress.Say($"history: inserted in {results.HistoryInsertSeconds:F1} s; timing {options.HistoryCalls} /history calls");

        results.HistoryPlan = await ExplainHistoryAsync(monitorId, ct);
        async Task<double> CallAsync()
        {
            var t = Stopwatch.GetTimestamp();
            await using var scope = provider.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<StatusService>().GetStockHistoryAsync(monitorId, 20, ct);
            var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            if (rows.Count != 20 && records >= 20)
            {
                throw new BenchFailure($"/history returned {rows.Count} rows, expected 20");
            }

            return ms;
        }

        for (var i = 0; i < HistoryWarmUpCalls; i++)
        {
            await CallAsync();
        }

        var times = new List<double>(options.HistoryCalls);
        var gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        for (var i = 0; i < options.HistoryCalls; i++)
        {
            times.Add(await CallAsync());
        }

        results.HistoryGcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;
        var slowest = times.Select((ms, index) => (ms, index)).OrderByDescending(t => t.ms).Take(10);
        Progress.Say("history: slowest calls (call#: ms): " + string.Join(", ", slowest.Select(t => $"{t.index}: {t.ms:F1}")));

        results.HistoryTimes = times;
        results.HistoryRawTimes = await TimeRawHistoryAsync(monitorId, options.HistoryCalls, ct);
        Progress.Say($"history: p50 {Stats.Percentile(times, 50):F2} ms, p99 {Stats.Percentile(times, 99):F2} ms");

        // What a big history does to the engine: its last-record query reads every record of the monitor.
        Progress.Say("history: one cycle with the big history in place");
        profiler.Reset();
        profiler.Enabled = true;
        await simulator.MoveStockAsync(MoveFraction, ct);
        var cycleStarted = Stopwatch.GetTimestamp();
        Check(await engine.RunCycleAsync(ct), "cycle after history");
        results.CycleAfterHistoryMs = Stopwatch.GetElapsedTime(cycleStarted).TotalMilliseconds;
        profiler.Enabled = false;
        results.ProfileAfterHistory = profiler.Snapshot();
    }

    private async Task InsertHistoryAsync(int monitorId, int records, int finalQuantity, CancellationToken ct)
    {
        const int batch = 100_000;
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        // One record a minute, ending now, so the newest record of the monitor is also the newest inserted.
        var end = DateTime.UtcNow;
        var quantity = finalQuantity;
        var quantities = new int[records];
        for (var i = records - 1; i >= 0; i--)
        {
            quantities[i] = quantity;
            quantity = Math.Max(0, quantity + random.Next(-5, 6));
        }

        using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO stock_records (monitor_config_id, quantity, delta, stock_control_enabled, available, change_type, threshold_breached, threshold_type, metadata_json, created_at) " +
            "VALUES ($monitor, $quantity, $delta, 1, $available, $change, $breached, $threshold, NULL, $created)";
        var pMonitor = command.Parameters.Add("$monitor", SqliteType.Integer);
        var pQuantity = command.Parameters.Add("$quantity", SqliteType.Integer);
        var pDelta = command.Parameters.Add("$delta", SqliteType.Integer);
        var pAvailable = command.Parameters.Add("$available", SqliteType.Integer);
        var pChange = command.Parameters.Add("$change", SqliteType.Text);
        var pBreached = command.Parameters.Add("$breached", SqliteType.Integer);
        var pThreshold = command.Parameters.Add("$threshold", SqliteType.Text);
        var pCreated = command.Parameters.Add("$created", SqliteType.Text);
        pMonitor.Value = monitorId;
        for (var start = 0; start < records; start += batch)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            command.Transaction = transaction;
            command.Prepare();
            var stop = Math.Min(records, start + batch);
            for (var i = start; i < stop; i++)
            {
                var q = quantities[i];
                var delta = i == 0 ? 0 : q - quantities[i - 1];
                pQuantity.Value = q;
                pDelta.Value = delta;
                pAvailable.Value = q > 0 ? 1 : 0;
                pChange.Value = i == 0 ? "initial" : delta > 0 ? "restock" : delta < 0 ? "purchase" : "unchanged";
                pBreached.Value = q < 5 ? 1 : 0;
                pThreshold.Value = q < 5 ? "low" : DBNull.Value;
                // The text EF Core's SQLite provider writes for a DateTime.
                pCreated.Value = end.AddMinutes(i - (records - 1)).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                command.ExecuteNonQuery();
            }

            await transaction.CommitAsync(ct);
            Progress.Say($"history: {stop:N0}/{records:N0}");
        }
    }

    /// <summary>The same query on one open connection, without EF Core or DI: separates SQLite from the layers above it.</summary>
    private async Task<List<double>> TimeRawHistoryAsync(int monitorId, int calls, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT id, monitor_config_id, quantity, delta, stock_control_enabled, available, change_type, threshold_breached, threshold_type, created_at " +
            "FROM stock_records WHERE monitor_config_id = $m ORDER BY created_at DESC, id DESC LIMIT 20";
        command.Parameters.AddWithValue("$m", monitorId);
        command.Prepare();
        var times = new List<double>(calls);
        for (var i = 0; i < calls + 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    _ = reader.GetString(9);
                }
            }

            if (i >= 20)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return times;
    }

    private async Task<string> ExplainHistoryAsync(int monitorId, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        using var command = connection.CreateCommand();
        command.CommandText =
            "EXPLAIN QUERY PLAN SELECT id FROM stock_records WHERE monitor_config_id = $m ORDER BY created_at DESC, id DESC LIMIT 20";
        command.Parameters.AddWithValue("$m", monitorId);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join("; ", lines);
    }

    private async Task<RowCounts> CountRowsAsync(CancellationToken ct)
    {
        if (postgres is not null)
        {
            await using var pg = new Npgsql.NpgsqlConnection(connectionString);
            await pg.OpenAsync(ct);
            await using var count = new Npgsql.NpgsqlCommand("SELECT (SELECT COUNT(*) FROM stock_records), (SELECT COUNT(*) FROM monitor_histories), (SELECT COUNT(*) FROM alert_deliveries)", pg);
            await using var rows = await count.ExecuteReaderAsync(ct);
            await rows.ReadAsync(ct);
            return new RowCounts(rows.GetInt64(0), rows.GetInt64(1), rows.GetInt64(2));
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM stock_records), (SELECT COUNT(*) FROM monitor_histories), (SELECT COUNT(*) FROM alert_deliveries)";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new RowCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Checkpoints the WAL into the database, then returns the size of the database file plus the WAL.</summary>
    private async Task<long> CheckpointAndMeasureAsync(CancellationToken ct)
    {
        if (postgres is not null)
        {
            return await postgres.SizeAsync(ct);
        }

        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(ct);
        }

        var wal = new FileInfo(dbPath + "-wal");
        return new FileInfo(dbPath).Length + (wal.Exists ? wal.Length : 0);
    }

    private void Check(CycleResult result, string what)
    {
        if (result.Errors > 0 || result.MonitorsChecked != options.Monitors)
        {
            throw new BenchFailure(
                $"{what}: {result.MonitorsChecked} of {options.Monitors} monitors checked, {result.Errors} error(s), {result.WebsitesSkipped} website(s) skipped; the figures would not mean anything");
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

internal readonly record struct RowCounts(long StockRecords, long Histories, long Deliveries)
{
    public long Total => StockRecords + Histories + Deliveries;

    public static RowCounts operator -(RowCounts a, RowCounts b) =>
        new(a.StockRecords - b.StockRecords, a.Histories - b.Histories, a.Deliveries - b.Deliveries);
}
