using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using StockBot.Core;
using StockBot.Discord;
using StockBot.Discord.Gateway;
using StockBot.Host.Cli;
using StockBot.Host.Hosting;
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
/// The real StockBot service host (HostMode.Service, as `stockbot run` builds it) with the Discord
/// bot against a fake Discord, on a database file of its own. Logs are captured.
/// </summary>
public sealed class DiscordBotHarness : IAsyncDisposable
{
    private DiscordBotHarness(FakeDiscord fake, string directory)
    {
        Fake = fake;
        Directory = directory;
        DatabasePath = Path.Combine(directory, "stockbot.db");
        Settings = TestSettings.For(fake);
        Settings["ConnectionStrings:StockBot"] = $"Data Source={DatabasePath}";
        Settings["Discord:GuildId"] = FakeInteractions.GuildId;
        Settings["Monitoring:RequestTimeout"] = "00:00:02";
        Interactions = new FakeInteractions(fake);
    }

    public FakeDiscord Fake { get; }

    public FakeInteractions Interactions { get; }

    public string Directory { get; }

    public string DatabasePath { get; }

    public Dictionary<string, string?> Settings { get; }

    public FakeLogCollector Logs { get; private set; } = new();

    public IHost? Host { get; private set; }

    public DiscordGateway Gateway => Host!.Services.GetRequiredService<DiscordGateway>();

    public FakeGatewayConnection Connection => Fake.Connections[^1];

    public static async Task<DiscordBotHarness> CreateAsync()
    {
        var fake = await FakeDiscord.StartAsync();
        return new DiscordBotHarness(fake, System.IO.Directory.CreateTempSubdirectory("stockbot-discord-").FullName);
    }

    /// <summary>Builds and starts the host, and waits until the gateway is READY.</summary>
    public async Task StartAsync()
    {
        Logs = new FakeLogCollector();
        var environment = new CliEnvironment(TextWriter.Null, TextWriter.Null, Settings, LoadDotEnv: false);
        var builder = StockBotHostFactory.CreateBuilder(environment, HostMode.Service, verbose: true);
        builder.Services.AddSingleton(Logs.CreateLoggerFactory());
        Host = builder.Build();
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        }

        var before = Fake.Connections.Count;
        await Host.StartAsync();
        var connection = await Fake.WaitForConnectionAsync(before + 1);
        await connection.WaitForOpAsync(2);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Gateway.Status != GatewayStatus.Ready)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the gateway is not ready. Logs:\n{Logs.Transcript()}");
            await Task.Delay(20);
        }
    }

    public async Task StopAsync()
    {
        if (Host is not null)
        {
            await Host.StopAsync(TimeSpan.FromSeconds(5));
            Host.Dispose();
            Host = null;
        }
    }

    /// <summary>A `stockbot` CLI command in-process, with the same settings.</summary>
    public async Task<(int ExitCode, string Out, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StockBotCli.RunAsync(args, new CliEnvironment(output, error, Settings, LoadDotEnv: false));
        return (code, output.ToString(), error.ToString());
    }

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

    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public string? Text(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Fake.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open; the temp folder is cleaned by the OS.
        }
    }
}
