using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StockBot.Simulator;

namespace StockBot.Whmcs.Tests;

/// <summary>One simulator for a test class; each test adds its own store, so tests never share state.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public WhmcsSimulator Simulator { get; private set; } = null!;

    public async Task InitializeAsync() => Simulator = await WhmcsSimulator.StartAsync();

    public async Task DisposeAsync() => await Simulator.DisposeAsync();
}

/// <summary>A WhmcsClient built the way the application builds it: through AddWhmcs.</summary>
internal sealed class ClientHost : IDisposable
{
    private readonly ServiceProvider provider;

    private ClientHost(ServiceProvider provider)
    {
        this.provider = provider;
        Logs = provider.GetFakeLogCollector();
        Client = provider.GetRequiredService<WhmcsClient>();
    }

    public WhmcsClient Client { get; }

    /// <summary>Every log record, at every level, from every category.</summary>
    public FakeLogCollector Logs { get; }

    public static ClientHost Create(Action<WhmcsClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddWhmcs(configure);
        return new ClientHost(services.BuildServiceProvider());
    }

    public void Dispose() => this.provider.Dispose();
}

internal static class StoreExtensions
{
    public static WhmcsCredentials Credentials(this SimulatedStore store, string? secret = null, string? accessKey = null) =>
        new(store.WebsiteUrl, store.Identifier, secret ?? store.Secret, accessKey ?? store.AccessKey);
}
