using System.Globalization;
using StockBot.Simulator;

namespace StockBot.Bench;

/// <summary>
/// The API bench's simulated WHMCS stores, in the bench process (<c>--simulator-in-process</c>, the old figures)
/// or, by default, in a child process: then the bench process's CPU and memory are StockBot's alone.
/// Built the same way either way: store w is "bench-w" with a secret and stock drawn from the seed.
/// </summary>
internal abstract class ApiStores : IAsyncDisposable
{
    public abstract Uri BaseAddress { get; }

    public abstract bool OutOfProcess { get; }

    public int Count { get; private init; }

    /// <summary>Store w (1-based): its website URL, identifier and secret, as the bot is configured with them.</summary>
    public (Uri WebsiteUrl, string Identifier, string Secret) Store(int w) =>
        (new Uri(BaseAddress, $"store/{SimulatorChild.Text(w)}"), Identifier(w), Secrets[w - 1]);

    private string[] Secrets { get; init; } = [];

    public abstract Task<int> MoveStockAsync(double fraction, CancellationToken ct);

    public abstract Task<long> TotalRequestsAsync(CancellationToken ct);

    /// <summary>Zero latency on every store, or back to the configured latency.</summary>
    public abstract Task SetZeroLatencyAsync(bool zero, CancellationToken ct);

    public abstract Task<int> FirstStockAsync(CancellationToken ct);

    public abstract Task<TimeSpan> SimulatorCpuAsync(CancellationToken ct);

    /// <summary>Requests each store has answered so far, store 1 first: reads per website, counted at the simulator.</summary>
    public abstract Task<int[]> RequestCountsAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    public static async Task<ApiStores> StartAsync(BenchOptions options, CancellationToken ct) =>
        options.SimulatorInProcess ? await InProcess.CreateAsync(options, ct) : await Child.LaunchAsync(options, ct);

    /// <summary>The child's side (<c>--serve-api-simulator</c>).</summary>
    public static async Task ServeAsync(BenchOptions options, CancellationToken ct)
    {
        await using var stores = await InProcess.CreateAsync(options, ct);
        await SimulatorChild.ServeAsync(stores.BaseAddress.Port, async command => command switch
        {
            _ when command.StartsWith("move ", StringComparison.Ordinal) =>
                SimulatorChild.Text(await stores.MoveStockAsync(double.Parse(command.AsSpan(5), CultureInfo.InvariantCulture), ct)),
            "requests" => (await stores.TotalRequestsAsync(ct)).ToString(CultureInfo.InvariantCulture),
            "latency zero" => await SimulatorChild.Ok(stores.SetZeroLatencyAsync(true, ct)),
            "latency reset" => await SimulatorChild.Ok(stores.SetZeroLatencyAsync(false, ct)),
            "stock" => SimulatorChild.Text(await stores.FirstStockAsync(ct)),
            "counts" => string.Join(',', (await stores.RequestCountsAsync(ct)).Select(SimulatorChild.Text)),
            _ => null,
        }, ct);
    }

    private static string Identifier(int w) => $"bench-{SimulatorChild.Text(w)}";

    /// <summary>Secrets from their own generator, so the parent knows them without asking the child.</summary>
    private static string[] DrawSecrets(BenchOptions options)
    {
        var random = new Random(unchecked(options.Seed * 31 + 7));
        var bytes = new byte[16];
        var secrets = new string[options.Websites];
        for (var i = 0; i < secrets.Length; i++)
        {
            random.NextBytes(bytes);
            secrets[i] = Convert.ToHexString(bytes);
        }

        return secrets;
    }

    private sealed class InProcess(WhmcsSimulator simulator, Random random) : ApiStores
    {
        public override Uri BaseAddress => simulator.BaseAddress;

        public override bool OutOfProcess => false;

        public static async Task<InProcess> CreateAsync(BenchOptions options, CancellationToken ct)
        {
            var simulator = await WhmcsSimulator.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(options.LatencyMs) }, ct);
            var random = new Random(options.Seed);
            var secrets = DrawSecrets(options);
            for (var w = 1; w <= options.Websites; w++)
            {
                var store = simulator.AddStore(Identifier(w), secrets[w - 1]);
                for (var p = 1; p <= options.Products; p++)
                {
                    store.AddProduct(p, $"Bench plan {w}-{p}", random.Next(0, 60));
                }
            }

            return new InProcess(simulator, random) { Count = options.Websites, Secrets = secrets };
        }

        public override Task<int> MoveStockAsync(double fraction, CancellationToken ct) => Task.FromResult(simulator.MoveStock(fraction, random));

        public override Task<long> TotalRequestsAsync(CancellationToken ct) => Task.FromResult(simulator.TotalRequests);

        public override Task SetZeroLatencyAsync(bool zero, CancellationToken ct)
        {
            foreach (var store in simulator.Stores)
            {
                store.Latency = zero ? TimeSpan.Zero : null;
            }

            return Task.CompletedTask;
        }

        public override Task<int> FirstStockAsync(CancellationToken ct) => Task.FromResult(simulator.Stores[0].GetStock(1) ?? 0);

        public override Task<TimeSpan> SimulatorCpuAsync(CancellationToken ct) => Task.FromResult(TimeSpan.Zero);

        public override Task<int[]> RequestCountsAsync(CancellationToken ct) => Task.FromResult(simulator.Stores.Select(s => s.RequestCount).ToArray());

        public override ValueTask DisposeAsync() => simulator.DisposeAsync();
    }

    private sealed class Child(SimulatorChild child) : ApiStores
    {
        public override Uri BaseAddress { get; } = new($"http://127.0.0.1:{SimulatorChild.Text(child.Port)}/");

        public override bool OutOfProcess => true;

        public static async Task<Child> LaunchAsync(BenchOptions options, CancellationToken ct) => new(
            await SimulatorChild.LaunchAsync(
                [
                    "--serve-api-simulator", "--websites", SimulatorChild.Text(options.Websites), "--products", SimulatorChild.Text(options.Products),
                    "--latency-ms", SimulatorChild.Text(options.LatencyMs), "--seed", SimulatorChild.Text(options.Seed),
                ],
                ct))
        {
            Count = options.Websites,
            Secrets = DrawSecrets(options),
        };

        public override async Task<int> MoveStockAsync(double fraction, CancellationToken ct) =>
            (int)await child.AskLongAsync(string.Create(CultureInfo.InvariantCulture, $"move {fraction:R}"), ct);

        public override Task<long> TotalRequestsAsync(CancellationToken ct) => child.AskLongAsync("requests", ct);

        public override Task SetZeroLatencyAsync(bool zero, CancellationToken ct) => child.AskAsync(zero ? "latency zero" : "latency reset", ct);

        public override async Task<int> FirstStockAsync(CancellationToken ct) => (int)await child.AskLongAsync("stock", ct);

        public override Task<TimeSpan> SimulatorCpuAsync(CancellationToken ct) => child.CpuAsync(ct);

        public override async Task<int[]> RequestCountsAsync(CancellationToken ct) =>
            (await child.AskAsync("counts", ct)).Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();

        public override ValueTask DisposeAsync() => child.DisposeAsync();
    }
}
