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

    /// <summary>
    /// A warm-up move: stock moved from a random stream of its own (the measured cycles' draws are untouched), the
    /// stock before the first such move kept for <see cref="RestoreStockAsync"/>.
    /// </summary>
    public abstract Task WarmUpMoveAsync(CancellationToken ct);

    /// <summary>Puts back the stock every warm-up move changed: the stores are as if no warm-up move had happened.</summary>
    public abstract Task RestoreStockAsync(CancellationToken ct);

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
        await SimulatorChild.ServeAsync(stores.Port, async command => command switch
        {
            "move" => await SimulatorChild.Ok(stores.MoveStockAsync(ct)),
            "warm-move" => await SimulatorChild.Ok(stores.WarmUpMoveAsync(ct)),
            "restore" => await SimulatorChild.Ok(stores.RestoreStockAsync(ct)),
            "clear" => await SimulatorChild.Ok(stores.ClearRequestsAsync(ct)),
            "count" => await CountText(stores, ct),
            _ => null,
        }, ct);
    }

    private static async Task<string> CountText(StorefrontStores stores, CancellationToken ct)
    {
        var (requests, probes) = await stores.CountRequestsAsync(ct);
        return string.Create(CultureInfo.InvariantCulture, $"{requests} {probes}");
    }

    private sealed class InProcess(WhmcsSimulator simulator, List<SimulatedStore> stores, BenchOptions options, Random random) : StorefrontStores
    {
        // Its own stream: warm-up moves must not shift the draws of the measured cycles.
        private readonly Random warmUpRandom = new(unchecked(options.Seed + 1));
        private readonly Dictionary<(int Store, int Product), int?> stockBeforeWarmUp = [];
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

        public override Task WarmUpMoveAsync(CancellationToken ct)
        {
            for (var s = 0; s < stores.Count; s++)
            {
                for (var p = 1; p <= options.Products; p++)
                {
                    if (warmUpRandom.NextDouble() < MoveFraction)
                    {
                        stockBeforeWarmUp.TryAdd((s, p), stores[s].GetStock(p));
                        stores[s].SetStock(p, warmUpRandom.Next(1, 60));
                    }
                }
            }

            return Task.CompletedTask;
        }

        public override Task RestoreStockAsync(CancellationToken ct)
        {
            foreach (var ((s, p), stock) in stockBeforeWarmUp)
            {
                stores[s].SetStock(p, stock);
            }

            stockBeforeWarmUp.Clear();
            return Task.CompletedTask;
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

    private sealed class Child(SimulatorChild child, int count) : StorefrontStores
    {
        public override int Port => child.Port;

        public override int Count => count;

        public override bool OutOfProcess => true;

        public static async Task<Child> LaunchAsync(BenchOptions options, CancellationToken ct) => new(
            await SimulatorChild.LaunchAsync(
                [
                    "--serve-simulator", "--websites", SimulatorChild.Text(options.Websites), "--products", SimulatorChild.Text(options.Products),
                    "--groups", SimulatorChild.Text(options.Groups), "--latency-ms", SimulatorChild.Text(options.LatencyMs), "--seed", SimulatorChild.Text(options.Seed),
                ],
                ct),
            options.Websites);

        public override Task MoveStockAsync(CancellationToken ct) => child.AskAsync("move", ct);

        public override Task WarmUpMoveAsync(CancellationToken ct) => child.AskAsync("warm-move", ct);

        public override Task RestoreStockAsync(CancellationToken ct) => child.AskAsync("restore", ct);

        public override Task ClearRequestsAsync(CancellationToken ct) => child.AskAsync("clear", ct);

        public override async Task<(long Requests, long Probes)> CountRequestsAsync(CancellationToken ct)
        {
            var parts = (await child.AskAsync("count", ct)).Split(' ');
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        public override Task<TimeSpan> SimulatorCpuAsync(CancellationToken ct) => child.CpuAsync(ct);

        public override ValueTask DisposeAsync() => child.DisposeAsync();
    }
}
