using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
    private readonly ServiceProvider _provider;

    private ClientHost(ServiceProvider provider, LogCapture logs)
    {
        _provider = provider;
        Logs = logs;
        Client = provider.GetRequiredService<WhmcsClient>();
    }

    public WhmcsClient Client { get; }

    public LogCapture Logs { get; }

    public static ClientHost Create(Action<WhmcsClientOptions>? configure = null)
    {
        var logs = new LogCapture();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddWhmcs(configure);
        return new ClientHost(services.BuildServiceProvider(), logs);
    }

    public void Dispose() => _provider.Dispose();
}

internal static class StoreExtensions
{
    public static WhmcsCredentials Credentials(this SimulatedStore store, string? secret = null, string? accessKey = null) =>
        new(store.WebsiteUrl, store.Identifier, secret ?? store.Secret, accessKey ?? store.AccessKey);
}

/// <summary>Keeps every formatted log line, at every level, from every category.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

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
