using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StockBot.Core.Monitoring;
using StockBot.Core.Monitors;
using StockBot.Core.Subscriptions;
using StockBot.Core.Websites;
using StockBot.Data;
using StockBot.Data.Entities;
using StockBot.Simulator;

namespace StockBot.Core.Tests.Support;

/// <summary>The real engine on a real SQLite file, reading the WHMCS simulator on 127.0.0.1.</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly TempFolder folder;
    private readonly ServiceProvider services;

    private EngineHarness(WhmcsSimulator simulator, TempFolder folder, ServiceProvider services)
    {
        Simulator = simulator;
        this.folder = folder;
        this.services = services;
    }

    public WhmcsSimulator Simulator { get; }

    public string DatabasePath => folder.File("engine.db");

    public IServiceProvider Services => services;

    public static async Task<EngineHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var simulator = await WhmcsSimulator.StartAsync();
        var folder = new TempFolder("stockbot-engine-");
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:StockBot"] = $"Data Source={folder.File("engine.db")}",
            ["Security:EncryptionKey"] = Convert.ToBase64String(TestDatabase.Key),
            ["Monitoring:RequestTimeout"] = "00:00:01",
            ["Storefront:MinRequestGap"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? [])
        {
            // A test's own setting wins over the harness default.
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection().AddLogging();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        collection.AddSingleton<TimeProvider>(time);
        collection.AddStockBotCore(configuration);
        var provider = collection.BuildServiceProvider();
        var harness = new EngineHarness(simulator, folder, provider);
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        return harness;
    }

    public FakeTimeProvider Clock => (FakeTimeProvider)services.GetRequiredService<TimeProvider>();

    public async Task<int> AddWebsiteAsync(SimulatedStore store, string name)
    {
        await using var scope = services.CreateAsyncScope();
        var site = await scope.ServiceProvider.GetRequiredService<WebsiteService>()
            .CreateAsync(new WebsiteInput(name, store.WebsiteUrl.ToString(), store.Identifier, store.Secret, "US-East"), CancellationToken.None);
        return site.Id;
    }

    /// <summary>The store as a storefront-mode website: read from its public pages, no credentials.</summary>
    public async Task<int> AddStorefrontWebsiteAsync(SimulatedStore store, string name)
    {
        await using var scope = services.CreateAsyncScope();
        var site = await scope.ServiceProvider.GetRequiredService<WebsiteService>()
            .CreateAsync(new WebsiteInput(name, store.WebsiteUrl.ToString(), null, null, "US-East", Mode: WebsiteMode.Storefront), CancellationToken.None);
        return site.Id;
    }

    public async Task<int> AddMonitorAsync(int websiteId, int productId, int? low = null, int? high = null, bool notifyOnPurchase = true)
    {
        await using var scope = services.CreateAsyncScope();
        var monitor = await scope.ServiceProvider.GetRequiredService<MonitorService>()
            .CreateAsync(new MonitorInput(websiteId, productId, null, low, high, NotifyOnPurchase: notifyOnPurchase), CancellationToken.None);
        return monitor.Id;
    }

    public async Task<int> SubscribeAsync(string channel, int? websiteId = null, int? monitorId = null, string? events = null)
    {
        await using var scope = services.CreateAsyncScope();
        var subscription = await scope.ServiceProvider.GetRequiredService<SubscriptionService>()
            .AddAsync(new SubscriptionInput(Platform.Console, channel, websiteId, monitorId, events), CancellationToken.None);
        return subscription.Id;
    }

    public async Task<CycleResult> RunCycleAsync()
    {
        var result = await services.GetRequiredService<MonitoringCycle>().RunAsync(CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(1));
        return result.Cycle;
    }

    public async Task<T> QueryAsync<T>(Func<StockBotDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StockBotDbContext>());
    }

    public Task<List<MonitorEventType>> EventTypesAsync(int monitorId) =>
        QueryAsync(db => db.MonitorHistories.Where(h => h.MonitorConfigId == monitorId).OrderBy(h => h.Id).Select(h => h.EventType).ToListAsync());

    /// <summary>The monitor's newest stock record as (quantity, stock control, available); null when it has none.</summary>
    public Task<(int Quantity, bool StockControl, bool Available)?> LastRecordAsync(int monitorId) =>
        QueryAsync(async db => await db.StockRecords.Where(r => r.MonitorConfigId == monitorId).OrderByDescending(r => r.Id)
            .Select(r => ((int, bool, bool)?)new ValueTuple<int, bool, bool>(r.Quantity, r.StockControlEnabled, r.Available)).FirstOrDefaultAsync());

    public Task<int> CountAsync<TEntity>()
        where TEntity : class => QueryAsync(db => db.Set<TEntity>().CountAsync());

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Simulator.DisposeAsync();
        folder.Dispose();
    }
}
