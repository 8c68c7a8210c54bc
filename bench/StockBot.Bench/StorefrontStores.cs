using System.Diagnostics;
using System.Globalization;
using StockBot.Simulator;
using StockBot.Simulator.Storefront;

namespace StockBot.Bench;

/// <summary>
/// The storefront bench's simulated stores: built and moved the same way (same seed, same order of draws)
/// whether the simulator runs in the bench process or in a child process of its own. Out of process, the bench
/// process's CPU is the bot's alone: no calibration to subtract.
/// </summary>
internal abstract class StorefrontStores : IAsyncDisposable
{
    private const double MoveFraction = 0.10;

    // Families whose listings decide every product (standard_cart: those with stock; a sold-out one is probed).
    private static readonly StorefrontTemplate[] Templates =
        [StorefrontTemplate.StandardCart, StorefrontTemplate.PremiumComparison, StorefrontTemplate.SupremeComparison, StorefrontTemplate.Lagom];

    public abstract int Port { get; }

    /// <summary>How many stores; their ids are 1..N, in the order the websites are created.</summary>
    public abstract int Count { get; }

    /// <summary>True when the pages are served by another process (the bench's CPU is then StockBot's only).</summary>
    public abstract bool OutOfProcess { get; }

    public abstract Task MoveStockAsync(CancellationToken ct);

    public abstract Task ClearRequestsAsync(CancellationToken ct);

    /// <summary>Storefront requests since the last clear: all, and a=add probes among them.</summary>
    public abstract Task<(long Requests, long Probes)> CountRequestsAsync(CancellationToken ct);

    /// <summary>The simulator process's CPU so far (out of process only; zero in process).</summary>
    public abstract Task<TimeSpan> SimulatorCpuAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    public static async Task<StorefrontStores> StartAsync(BenchOptions options, CancellationToken ct) =>
        options.SimulatorInProcess ? await InProcess.CreateAsync(options, ct) : await Child.LaunchAsync(options, ct);

    /// <summary>The child's side: builds the stores, answers one line per command on stdin until it closes.</summary>
    public static async Task ServeAsync(BenchOptions options, CancellationToken ct)
    {
        await using var stores = await InProcess.CreateAsync(options, ct);
        var output = Console.Out;
        await output.WriteLineAsync($"ready {stores.Port.ToString(CultureInfo.InvariantCulture)}");
        await output.FlushAsync(ct);
        while (await Console.In.ReadLineAsync(ct) is { } command)
        {
            var answer = command switch
            {
                "move" => await Ok(stores.MoveStockAsync(ct)),
                "clear" => await Ok(stores.ClearRequestsAsync(ct)),
                "count" => await CountText(stores, ct),
                "cpu" => ProcessCpu().Ticks.ToString(CultureInfo.InvariantCulture),
                _ => $"error unknown command '{command}'",
            };
            await output.WriteLineAsync(answer);
            await output.FlushAsync(ct);
        }
    }

    private static async Task<string> Ok(Task task)
    {
        await task;
        return "ok";
    }

    private static async Task<string> CountText(StorefrontStores stores, CancellationToken ct)
    {
        var (requests, probes) = await stores.CountRequestsAsync(ct);
        return string.Create(CultureInfo.InvariantCulture, $"{requests} {probes}");
    }

    public static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private sealed class InProcess(WhmcsSimulator simulator, List<SimulatedStore> stores, BenchOptions options, Random random) : StorefrontStores
    {
        public override int Port => simulator.BaseAddress.Port;

        public override int Count => stores.Count;

        public override bool OutOfProcess => false;

        public static async Task<InProcess> CreateAsync(BenchOptions options, CancellationToken ct)
        {
            var simulator = await WhmcsSimulator.StartAsync(cancellationToken: ct);
            var random = new Random(options.Seed);
            var stores = new List<SimulatedStore>(options.Websites);
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
            }

            return new InProcess(simulator, stores, options, random);
        }

        public override Task MoveStockAsync(CancellationToken ct)
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

            return Task.CompletedTask;
        }

        public override Task ClearRequestsAsync(CancellationToken ct)
        {
            foreach (var store in stores)
            {
                store.Storefront.ClearRequests();
            }

            return Task.CompletedTask;
        }

        public override Task<(long Requests, long Probes)> CountRequestsAsync(CancellationToken ct) => Task.FromResult((
            stores.Sum(s => (long)s.Storefront.RequestCount),
            stores.Sum(s => (long)s.Storefront.Requests.Count(r => r.Query.Contains("a=add", StringComparison.Ordinal)))));

        public override Task<TimeSpan> SimulatorCpuAsync(CancellationToken ct) => Task.FromResult(TimeSpan.Zero);

        public override ValueTask DisposeAsync() => simulator.DisposeAsync();
    }

    private sealed class Child(Process process, int port, int count) : StorefrontStores
    {
        public override int Port => port;

        public override int Count => count;

        public override bool OutOfProcess => true;

        public static async Task<Child> LaunchAsync(BenchOptions options, CancellationToken ct)
        {
            var self = Environment.ProcessPath ?? throw new BenchFailure("cannot tell the bench's own executable");
            var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
            {
                start.ArgumentList.Add(typeof(StorefrontStores).Assembly.Location);
            }

            foreach (var arg in new[]
            {
                "--serve-simulator", "--websites", Text(options.Websites), "--products", Text(options.Products), "--groups", Text(options.Groups),
                "--latency-ms", Text(options.LatencyMs), "--seed", Text(options.Seed),
            })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new BenchFailure("the simulator process did not start");
            var ready = await process.StandardOutput.ReadLineAsync(ct);
            if (ready is null || !ready.StartsWith("ready ", StringComparison.Ordinal))
            {
                process.Kill();
                process.Dispose();
                throw new BenchFailure($"the simulator process did not get ready (said '{ready}')");
            }

            return new Child(process, int.Parse(ready.AsSpan(6), CultureInfo.InvariantCulture), options.Websites);
        }

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

        private async Task<string> AskAsync(string command, CancellationToken ct)
        {
            await process.StandardInput.WriteLineAsync(command);
            await process.StandardInput.FlushAsync(ct);
            var answer = await process.StandardOutput.ReadLineAsync(ct);
            return answer is null || answer.StartsWith("error", StringComparison.Ordinal)
                ? throw new BenchFailure($"the simulator process answered '{command}' with '{answer}'")
                : answer;
        }

        public override Task MoveStockAsync(CancellationToken ct) => AskAsync("move", ct);

        public override Task ClearRequestsAsync(CancellationToken ct) => AskAsync("clear", ct);

        public override async Task<(long Requests, long Probes)> CountRequestsAsync(CancellationToken ct)
        {
            var parts = (await AskAsync("count", ct)).Split(' ');
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        public override async Task<TimeSpan> SimulatorCpuAsync(CancellationToken ct) =>
            TimeSpan.FromTicks(long.Parse(await AskAsync("cpu", ct), CultureInfo.InvariantCulture));

        public override async ValueTask DisposeAsync()
        {
            process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }

            process.Dispose();
        }
    }
}
