using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StockBot.Core;
using StockBot.Core.Alerts;
using StockBot.Core.Monitoring;
using StockBot.Core.Websites;
using StockBot.Host.Cli;
using StockBot.Host.Hosting;
using StockBot.Testing.Logging;

namespace StockBot.Testing;

/// <summary>
/// The real `stockbot run` host in-process, composed as RunCommand composes it (service mode, the service's
/// additions, startup validation, migrations and the environment's websites, then start), on a database file
/// of its own. The one thing left out is the schedule: tests run cycles and dispatches when they ask
/// (<see cref="RunCycleAsync"/>, <see cref="DispatchAsync"/>), so nothing races their assertions.
/// Logs are captured into <see cref="Logs"/> in place of the console.
/// </summary>
public sealed class StockBotHostHarness : IAsyncDisposable
{
    private readonly TempFolder folder;
    private readonly TestDatabaseTarget target;
    private IHost? host;

    /// <param name="provider">The engine: a SQLite file of its own, or a fresh database on the run's PostgreSQL (skipped without one).</param>
    /// <param name="sameDatabaseAs">Another harness whose database this one shares: a second instance (cluster tests).</param>
    public StockBotHostHarness(string folderPrefix = "stockbot-host-", FakeTimeProvider? clock = null, TestProvider provider = TestProvider.Sqlite, StockBotHostHarness? sameDatabaseAs = null)
    {
        folder = new TempFolder(folderPrefix);
        Clock = clock;
        target = sameDatabaseAs?.target.Shared() ?? TestDatabaseTarget.Create(provider, folder);
        target.Apply(Settings);
        Cli = new CliRunner(Settings, clock);
    }

    public string Directory => folder.Path;

    public TestProvider Provider => target.Provider;

    /// <summary>The SQLite file (a SQLite-only test's); on PostgreSQL there is none.</summary>
    public string DatabasePath => target.DatabasePath ?? throw new InvalidOperationException("A PostgreSQL database has no file.");

    /// <summary>Configuration overrides of the host and of <see cref="Cli"/>; change them before <see cref="StartAsync"/>.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>The clock of the host and of <see cref="Cli"/>; null means the system clock.</summary>
    public FakeTimeProvider? Clock { get; }

    /// <summary>Extra registrations made after the service's own (a test's stand-in for one seam, such as a clock).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>The host's stdout and stderr (console alerts land here).</summary>
    public StringWriter Out { get; } = new();

    /// <summary>Every log line of the current run of the host; a new collector on each start.</summary>
    public FakeLogCollector Logs { get; private set; } = new();

    /// <summary>`stockbot` commands in-process on the same settings, database and clock.</summary>
    public CliRunner Cli { get; }

    public DatabaseProbe Database => target.Probe;

    public IHost? Host => host;

    public IServiceProvider Services => (host ?? throw new InvalidOperationException("The host is not running; call StartAsync first.")).Services;

    /// <summary>Builds, prepares and starts the host; returns once every hosted service has started.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        Logs = new FakeLogCollector();
        var environment = new CliEnvironment(Out, Out, Settings, LoadDotEnv: false, Time: Clock);
        var builder = StockBotHostFactory.CreateBuilder(environment, HostMode.Service, verbose: false);
        builder.Services.AddStockBotService();
        ConfigureServices?.Invoke(builder.Services);
        // Registered last, it wins over Serilog's factory, so the tests see every level.
        builder.Services.AddSingleton(Logs.CreateLoggerFactory());
        var built = builder.Build();
        try
        {
            built.Services.GetService<IStartupValidator>()?.Validate();
            await using (var scope = built.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
                await scope.ServiceProvider.GetRequiredService<EnvironmentWebsiteImporter>().ImportAsync(cancellationToken);
            }

            await built.StartAsync(cancellationToken);
        }
        catch
        {
            built.Dispose();
            throw;
        }

        host = built;
    }

    /// <summary>One monitoring cycle in the running host, as the schedule's cycle job runs it (bot state, then alerts).</summary>
    public Task<MonitoringCycleResult> RunCycleAsync(CancellationToken cancellationToken = default) =>
        Services.GetRequiredService<MonitoringCycle>().RunAsync(cancellationToken);

    /// <summary>One pass over the pending alerts, as the schedule's dispatch job runs it.</summary>
    public async Task<DispatchResult> DispatchAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AlertDispatcher>().DispatchAsync(cancellationToken);
    }

    /// <summary>Stops the host as SIGTERM would; <see cref="StartAsync"/> may start a new one on the same database.</summary>
    public async Task StopAsync()
    {
        if (host is null)
        {
            return;
        }

        var stopping = host;
        host = null;
        await stopping.StopAsync(TimeSpan.FromSeconds(5));
        stopping.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Out.DisposeAsync();
        target.Dispose();
        folder.Dispose();
    }
}
