using System.Net;
using System.Net.Sockets;
using StockBot.Simulator;
using StockBot.Testing;

namespace StockBot.Host.Tests;

/// <summary>`stockbot run` as its own process, its database made read-only under it and writable again.</summary>
// Files are frozen with Unix modes or chattr (FrozenPaths).
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyUnderRunningBotTests : IDisposable
{
    private readonly CliHarness cli = new();
    private readonly FrozenPaths frozen = new();

    public void Dispose()
    {
        frozen.Dispose();
        cli.Dispose();
    }

    [SkippableFact]
    public async Task Run_DatabaseTurnsReadOnly_UnhealthyWithTheReasonOneLineNoStackTraces_RecoversWhenWritable()
    {
        // A file the process already has open for writing stops only with the immutable attribute (root, chattr).
        Skip.IfNot(FrozenPaths.StopsOpenFiles, "needs root and chattr +i: file modes do not stop a process that has the file open");
        await using var simulator = await WhmcsSimulator.StartAsync();
        var store = simulator.AddStore("ro-id", "ro-secret-4471");
        store.AddProduct(1, "Frozen VPS", 3);
        await cli.RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "1");
        var port = FreePort();
        using var http = new HttpClient();
        var healthz = new Uri($"http://127.0.0.1:{port}/healthz");

        await using var bot = StockBotProcess.Start(cli.Directory, new Dictionary<string, string>
        {
            ["ConnectionStrings__StockBot"] = $"Data Source={cli.DatabasePath}",
            ["Monitoring__Interval"] = "00:00:01",
            ["Health__Urls"] = $"http://127.0.0.1:{port}",
        });
        await bot.WaitForOutputAsync("Cycle done", TimeSpan.FromSeconds(60));
        // The cycle's line comes just before it is saved as the last cycle: healthy follows.
        var healthyFirst = await WaitForHealthAsync(http, healthz, HttpStatusCode.OK);

        var before = bot.Output.Length;
        frozen.Freeze(cli.DatabasePath);
        frozen.Freeze(cli.DatabasePath + "-wal");
        await bot.WaitForOutputAsync("Database: ", TimeSpan.FromSeconds(30));
        var unhealthy = await WaitForHealthAsync(http, healthz, HttpStatusCode.ServiceUnavailable);
        // Several cycles read the store and fail to write while it stays read-only.
        var requests = store.RequestCount;
        await WaitUntilAsync(() => store.RequestCount >= requests + 5, bot);
        var outputWhileBroken = bot.Output[before..];

        frozen.Thaw();
        await bot.WaitForOutputAsync("takes writes again", TimeSpan.FromSeconds(30));
        var healthyAgain = await WaitForHealthAsync(http, healthz, HttpStatusCode.OK);
        var (exitCode, _) = await bot.TerminateAsync(TimeSpan.FromSeconds(15));

        Assert.StartsWith("healthy", healthyFirst, StringComparison.Ordinal);
        // A write through a file opened before it froze fails as an I/O error (as on a volume remounted read-only); one opened after, as read-only.
        Assert.Contains(
            unhealthy.Trim(),
            new[]
            {
                $"unhealthy: the database at {cli.DatabasePath} cannot be written (disk I/O error): check the volume is mounted read-write and the disk is healthy",
                $"unhealthy: the database at {cli.DatabasePath} is read-only: check the volume's permissions",
            });
        var errors = outputWhileBroken.Split('\n').Where(l => l.Contains(" ERR]", StringComparison.Ordinal) || l.Contains(" WRN]", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1 && errors[0].Contains("Database: ", StringComparison.Ordinal), string.Join('\n', errors));
        Assert.DoesNotContain("   at ", outputWhileBroken, StringComparison.Ordinal);
        Assert.DoesNotContain("SqliteException", outputWhileBroken, StringComparison.Ordinal);
        Assert.StartsWith("healthy", healthyAgain, StringComparison.Ordinal);
        Assert.Single(bot.Output.Split('\n'), l => l.Contains("takes writes again", StringComparison.Ordinal));
        Assert.Equal(0, exitCode);
    }

    /// <summary>Polls /healthz until it answers <paramref name="status"/>; the body then.</summary>
    private static async Task<string> WaitForHealthAsync(HttpClient http, Uri healthz, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var answer = await http.GetAsync(healthz);
            var body = await answer.Content.ReadAsStringAsync();
            if (answer.StatusCode == status)
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"/healthz still answers {answer.StatusCode}: {body}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, StockBotProcess bot)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the condition did not come true. Output so far:\n" + bot.Output);
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
