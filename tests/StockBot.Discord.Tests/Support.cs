using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using StockBot.Discord.Gateway;
using StockBot.Testing;
using StockBot.Testing.Discord;
using StockBot.Testing.Logging;

namespace StockBot.Discord.Tests;

public static class TestSettings
{
    public const string Token = "fake-discord-token-for-tests";

    /// <summary>Discord settings against a fake, with the reconnect delays shortened.</summary>
    public static Dictionary<string, string?> For(FakeDiscord fake) => new()
    {
        ["Discord:Token"] = Token,
        ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
        ["Discord:GatewayUrl"] = fake.GatewayUrl,
        ["Discord:ReconnectDelay"] = "00:00:00.050",
        ["Discord:MaxReconnectDelay"] = "00:00:00.500",
        ["Discord:InvalidSessionDelay"] = "00:00:00.050",
        ["Discord:IdentifyBackoff"] = "00:00:00.050",
        ["Discord:MaxIdentifyBackoff"] = "00:00:00.500",
        ["Discord:MaxRateLimitWait"] = "00:00:03",
        ["Discord:DeferAfter"] = "00:00:02.500",
    };
}

/// <summary>The Discord REST client and gateway on their own DI container, against a fake.</summary>
public sealed class DiscordClientHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task? running;

    private DiscordClientHarness(FakeDiscord fake, ServiceProvider services, FakeLogCollector logs)
    {
        Fake = fake;
        Services = services;
        Logs = logs;
    }

    public FakeDiscord Fake { get; }

    public ServiceProvider Services { get; }

    /// <summary>Every log line, for assertions (the token must never be in one).</summary>
    public FakeLogCollector Logs { get; }

    public ConcurrentQueue<GatewayDispatch> Dispatches { get; } = new();

    public DiscordGateway Gateway => Services.GetRequiredService<DiscordGateway>();

    public Task Running => running ?? Task.CompletedTask;

    public static async Task<DiscordClientHarness> StartAsync(Action<Dictionary<string, string?>>? configure = null, int heartbeatMs = 10_000)
    {
        var fake = await FakeDiscord.StartAsync();
        fake.HeartbeatIntervalMs = heartbeatMs;
        var settings = TestSettings.For(fake);
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddSingleton(logs.CreateLoggerFactory());
        services.AddLogging();
        services.AddDiscordAlertSender(configuration);
        services.AddSingleton<DiscordGateway>();
        return new DiscordClientHarness(fake, services.BuildServiceProvider(), logs);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public void StartGateway() =>
        running = Gateway.RunAsync(
            d =>
            {
                Dispatches.Enqueue(d);
                return Task.CompletedTask;
            },
            stop.Token);

    public async Task WaitForConnectionsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Gateway.Connections < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the gateway reached {Gateway.Connections} good connection(s), not {count}. Logs:\n{Logs.Transcript()}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
        }

        await Services.DisposeAsync();
        await Fake.DisposeAsync();
        stop.Dispose();
    }
}

/// <summary>
/// The real StockBot service host (<see cref="StockBotHostHarness"/>, as `stockbot run` builds it) with the
/// Discord bot against a fake Discord, on a database file of its own. Logs are captured.
/// </summary>
public sealed class DiscordBotHarness : IAsyncDisposable
{
    private DiscordBotHarness(FakeDiscord fake, TestProvider provider)
    {
        Fake = fake;
        Service = new StockBotHostHarness("stockbot-discord-", provider: provider);
        foreach (var (key, value) in TestSettings.For(fake))
        {
            Settings[key] = value;
        }

        Settings["Discord:GuildId"] = FakeInteractions.GuildId;
        Settings["Monitoring:RequestTimeout"] = "00:00:02";
        Interactions = new FakeInteractions(fake);
    }

    public FakeDiscord Fake { get; }

    public FakeInteractions Interactions { get; }

    /// <summary>The host, its database, settings, logs and CLI.</summary>
    public StockBotHostHarness Service { get; }

    public Dictionary<string, string?> Settings => Service.Settings;

    public FakeLogCollector Logs => Service.Logs;

    public IHost? Host => Service.Host;

    public DiscordGateway Gateway => Service.Services.GetRequiredService<DiscordGateway>();

    public FakeGatewayConnection Connection => Fake.Connections[^1];

    public static async Task<DiscordBotHarness> CreateAsync(TestProvider provider = TestProvider.Sqlite)
    {
        // First, so a run without PostgreSQL skips before anything starts.
        Skip.If(provider == TestProvider.Postgres && PostgresServer.SkipReason is not null, PostgresServer.SkipReason);
        return new(await FakeDiscord.StartAsync(), provider);
    }

    /// <summary>Builds and starts the host, and waits until the gateway is READY.</summary>
    public async Task StartAsync()
    {
        var before = Fake.Connections.Count;
        await Service.StartAsync();
        var connection = await Fake.WaitForConnectionAsync(before + 1);
        await connection.WaitForOpAsync(2);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Gateway.Status != GatewayStatus.Ready)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the gateway is not ready. Logs:\n{Logs.Transcript()}");
            await Task.Delay(20);
        }

        // The commands are registered on READY; a user can only use them after that (the fake's client checks).
        while (!Logs.GetSnapshot().Any(l => (l.Message.StartsWith("Registered ", StringComparison.Ordinal) && l.Message.EndsWith("globally", StringComparison.Ordinal)) || l.Message.Contains("slash commands unchanged", StringComparison.Ordinal) || l.Message.Contains("slash commands (", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the commands were not registered. Logs:\n{Logs.Transcript()}");
            await Task.Delay(20);
        }
    }

    public Task StopAsync() => Service.StopAsync();

    /// <summary>A `stockbot` CLI command in-process, with the same settings.</summary>
    public Task<CliResult> CliAsync(params string[] args) => Service.Cli.RunAsync(args);

    /// <summary>Sends the interaction and returns its callback (and, when deferred, the edit of @original).</summary>
    public async Task<(FakeDiscordRequest Callback, FakeDiscordRequest? Edit)> InvokeAsync(System.Text.Json.Nodes.JsonObject interaction)
    {
        var id = interaction["id"]!.GetValue<string>();
        var token = interaction["token"]!.GetValue<string>();
        await Connection.SendInteractionAsync(interaction);
        var callback = await Fake.WaitForRequestAsync("POST", $"/interactions/{id}/{token}/callback");
        if (callback.Json.GetProperty("type").GetInt32() != 5)
        {
            return (callback, null);
        }

        var edit = await Fake.WaitForRequestAsync("PATCH", $"/webhooks/{Fake.ApplicationId}/{token}/messages/@original", TimeSpan.FromSeconds(15));
        return (callback, edit);
    }

    public long Scalar(string sql) => Service.Database.Int64(sql);

    public string? Text(string sql) => Service.Database.Text(sql);

    public async ValueTask DisposeAsync()
    {
        await Service.StopAsync();
        await Fake.DisposeAsync();
        await Service.DisposeAsync();
    }
}
