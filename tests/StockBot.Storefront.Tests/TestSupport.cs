using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockBot.Simulator;
using StockBot.Simulator.Storefront;

namespace StockBot.Storefront.Tests;

/// <summary>One simulator for a test class; each test adds its own store, so tests never share state.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public WhmcsSimulator Simulator { get; private set; } = null!;

    public async Task InitializeAsync() => Simulator = await WhmcsSimulator.StartAsync();

    public async Task DisposeAsync() => await Simulator.DisposeAsync();
}

/// <summary>A StorefrontReader built the way the application builds it: through AddStockBotStorefront.</summary>
internal sealed class ReaderHost : IDisposable
{
    private readonly ServiceProvider provider;

    private ReaderHost(ServiceProvider provider, LogCapture logs)
    {
        this.provider = provider;
        Logs = logs;
        Reader = provider.GetRequiredService<StorefrontReader>();
    }

    public StorefrontReader Reader { get; }

    public LogCapture Logs { get; }

    /// <summary>A reader with no gap between requests unless the test asks for one.</summary>
    public static ReaderHost Create(Action<StorefrontOptions>? configure = null, TimeProvider? time = null)
    {
        var logs = new LogCapture();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddStockBotStorefront(options =>
        {
            options.MinRequestGap = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        return new ReaderHost(services.BuildServiceProvider(), logs);
    }

    public void Dispose() => this.provider.Dispose();
}

/// <summary>The shop every test reads: two groups, stock on, off and at 0, and a hidden product.</summary>
internal static class Shop
{
    public const int InWithCount = 101;
    public const int Out = 102;
    public const int Uncontrolled = 103;
    public const int SecondGroupInStock = 104;
    public const int Hidden = 105;

    public static readonly int[] All = [InWithCount, Out, Uncontrolled, SecondGroupInStock, Hidden];

    public static SimulatedStore Open(WhmcsSimulator simulator, StorefrontTemplate template = StorefrontTemplate.StandardCart, bool modern = false)
    {
        var store = simulator.AddStore("id", "secret");
        store.Storefront.Template = template;
        store.Storefront.ModernRoutes = modern;
        store.Storefront.NameGroup(1, "Shared Hosting");
        store.Storefront.NameGroup(2, "VPS & Cloud");
        store.AddProduct(InWithCount, "Starter", 5, gid: 1);
        store.AddProduct(Out, "Pro", 0, gid: 1);
        store.AddProduct(Uncontrolled, "VPS Small", null, gid: 2);
        store.AddProduct(SecondGroupInStock, "VPS Large", 3, gid: 2);
        store.AddProduct(Hidden, "Secret Deal", 2, gid: 2);
        store.Storefront.HideFromListings(Hidden);
        return store;
    }

    public static StorefrontProductReading Get(this StorefrontReadResult result, int pid) =>
        Assert.Single(result.Products, p => p.ProductId == pid);

    public static int Probes(this SimulatedStore store) =>
        store.Storefront.Requests.Count(r => r.Path == "/cart.php" && r.Query.Contains("a=add", StringComparison.Ordinal));

    /// <summary>Listing requests: cart.php?gid=N, a one-segment store route, or the bare landing cart.php.</summary>
    public static int Listings(this SimulatedStore store) => store.Storefront.Requests.Count(IsListing);

    public static bool IsListing(StorefrontRequest request)
    {
        if (request.Query.Contains("gid=", StringComparison.Ordinal))
        {
            return true;
        }

        if (request.Query.Contains("rp=/store/", StringComparison.Ordinal))
        {
            var route = request.Query[(request.Query.IndexOf("rp=/store/", StringComparison.Ordinal) + 10)..];
            var end = route.IndexOf('&', StringComparison.Ordinal);
            return !(end < 0 ? route : route[..end]).Contains('/', StringComparison.Ordinal);
        }

        return request.Path == "/cart.php" && !request.Query.Contains("a=", StringComparison.Ordinal);
    }
}

/// <summary>Keeps every formatted log line, at every level, from every category.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => this.lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this.lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
