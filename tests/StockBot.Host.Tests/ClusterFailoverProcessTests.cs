using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StockBot.Simulator;
using StockBot.Testing;
using StockBot.Testing.Telegram;
using Xunit.Abstractions;

namespace StockBot.Host.Tests;

/// <summary>
/// Two `stockbot run` processes on one PostgreSQL database, one of them killed with SIGKILL (mid-cycle, mid-dispatch),
/// or the server restarted under both: the bots move within Cluster:FailoverAfter, no website goes unread for long,
/// no alert is lost, the only duplicate is a send in flight, and a restarted server brings no false event.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ClusterFailoverProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan FailoverAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    // WebsiteLeases.LeaseFor: a read's worst case (two request timeouts) and a margin.
    private static readonly TimeSpan WebsiteLeaseFor = RequestTimeout * 2 + TimeSpan.FromSeconds(2);

    private readonly TempFolder folder = new("stockbot-failover-");
    private readonly List<StockBotProcess> processes = [];
    private readonly List<IAsyncDisposable> fakes = [];
    private CliHarness? cli;
    private WhmcsSimulator simulator = null!;

    public async Task InitializeAsync() => simulator = await WhmcsSimulator.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        foreach (var fake in fakes)
        {
            await fake.DisposeAsync();
        }

        await simulator.DisposeAsync();
        cli?.Dispose();
        folder.Dispose();
    }

    [SkippableFact]
    public async Task Run_LeaderKilledMidCycle_StandbyTakesTheBotsWithinFailoverAndNoWebsiteSkipped()
    {
        Skip.If(PostgresServer.SkipReason is not null, PostgresServer.SkipReason);
        cli = new CliHarness(TestProvider.Postgres);
        const string chat = "-100901";
        var stores = new List<SimulatedStore>();
        for (var i = 1; i <= 4; i++)
        {
            var store = simulator.AddStore($"failover-{i}", $"failover-secret-{i}0071");
            store.AddProduct(1, "VPS", 5);
            stores.Add(store);
            await CliOkAsync("website", "add", "--name", $"Site {i}", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
            await CliOkAsync("monitor", "add", "--website", Text(i), "--product", "1", "--no-verify");
            await CliOkAsync("subscription", "add", "--platform", "telegram", "--channel", chat, "--monitor", Text(i));
        }

        var slow = stores[^1];
        slow.Latency = TimeSpan.FromMilliseconds(500);
        var telegramA = await StartTelegramAsync();
        var telegramB = await StartTelegramAsync();
        using var reads = new ReadLog(stores);

        // Alpha first, so it leads Telegram and reads every website; beta joins as the standby.
        var alpha = Start("alpha", telegramA);
        await WaitUntilAsync(() => cli.Database.Text("SELECT instance FROM cluster_leaders WHERE role = 'telegram'") == "alpha", "alpha leading telegram", alpha);
        await telegramA.WaitForAsync("getUpdates", timeout: TimeSpan.FromSeconds(60));
        await WaitUntilAsync(() => stores.All(s => s.RequestCount > 0), "alpha's first cycle", alpha);
        var beta = Start("beta", telegramB);
        await beta.WaitForOutputAsync("stands by for telegram", TimeSpan.FromSeconds(90));

        // Mid-cycle: alpha's read of the slow website has arrived and is held unanswered.
        var slowId = Text(stores.Count);
        AnswerHold hold;
        while (true)
        {
            hold = slow.HoldNextAnswer();
            await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(60));
            if (cli.Database.Text($"SELECT instance FROM website_leases WHERE website_id = {slowId}") == "alpha")
            {
                break;
            }

            hold.Release();
        }

        await alpha.SignalAsync("KILL", TimeSpan.FromSeconds(15));
        var killedAt = DateTimeOffset.UtcNow;
        hold.Release();
        // Restocks after the kill: beta finds them and alerts each once.
        stores[0].SetStock(1, 9);
        slow.SetStock(1, 12);

        var takeover = await telegramB.WaitForAsync("getUpdates", c => c.ReceivedAt > killedAt, TimeSpan.FromSeconds(60));
        var failover = takeover.ReceivedAt - killedAt;
        await WaitUntilAsync(() => stores.All(s => reads.After(s, killedAt).Count >= 3), "three reads of every website after the kill", beta, TimeSpan.FromSeconds(120));
        await WaitUntilAsync(() => Messages(telegramB, chat, 9).Count > 0 && Messages(telegramB, chat, 12).Count > 0, "both restock alerts", beta);
        // A few more cycles: a second alert for either would come now.
        var settled = stores.Select(s => s.RequestCount).ToList();
        await WaitUntilAsync(() => stores.Select((s, i) => s.RequestCount - settled[i]).All(n => n >= 2), "two more cycles", beta);

        var firstReads = stores.Select(s => reads.After(s, killedAt)[0] - killedAt).ToList();
        output.WriteLine($"telegram failover: {failover.TotalSeconds:0.00} s after the kill (FailoverAfter {FailoverAfter.TotalSeconds} s)");
        output.WriteLine($"first read after the kill per website: {string.Join(", ", firstReads.Select(r => $"{r.TotalSeconds:0.00} s"))} (interval {Interval.TotalSeconds} s, lease {WebsiteLeaseFor.TotalSeconds} s)");
        output.WriteLine($"largest gap between reads after the kill: {string.Join(", ", stores.Select(s => $"{reads.LargestGapAfter(s, killedAt).TotalSeconds:0.00} s"))}");
        Assert.True(failover <= FailoverAfter * 2, $"beta polled {failover} after the kill. Output:\n{beta.Output}");
        Assert.Equal("beta", cli.Database.Text("SELECT instance FROM cluster_leaders WHERE role = 'telegram'"));
        Assert.All(firstReads, r => Assert.True(r <= (Interval + WebsiteLeaseFor) * 2, $"a website was first read again {r} after the kill"));
        Assert.Single(Messages(telegramB, chat, 9));
        Assert.Single(Messages(telegramB, chat, 12));
        Assert.Empty(Messages(telegramA, chat, 9).Concat(Messages(telegramA, chat, 12)));
    }

    [SkippableFact]
    public async Task Run_LeaderKilledMidDispatch_NoAlertLostAtMostOneDuplicate()
    {
        Skip.If(PostgresServer.SkipReason is not null, PostgresServer.SkipReason);
        cli = new CliHarness(TestProvider.Postgres);
        int[] levels = [11, 22, 33, 44];
        var chats = Enumerable.Range(1, 6).Select(i => (-100_950L - i).ToString(CultureInfo.InvariantCulture)).ToList();
        var store = simulator.AddStore("dispatch-kill", "dispatch-kill-secret-93");
        store.AddProduct(1, "VPS", 0);
        await CliOkAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
        await CliOkAsync("monitor", "add", "--website", "1", "--product", "1", "--no-verify");
        foreach (var chat in chats)
        {
            await CliOkAsync("subscription", "add", "--platform", "telegram", "--channel", chat, "--monitor", "1");
        }

        // The backlog comes from `check` runs without a Telegram token: every alert waits in the outbox before the instances start.
        await CliOkAsync("check");
        foreach (var level in levels)
        {
            store.SetStock(1, level);
            await CliOkAsync("check");
        }

        var expected = chats.Count * levels.Length;
        Assert.Equal(expected, cli.Count("alert_deliveries WHERE status = 'pending'"));

        // One Telegram for both (alerts go over REST from either instance); each send answered 3 s after it arrives.
        var telegram = await StartTelegramAsync();
        telegram.SendAnswerDelay = TimeSpan.FromSeconds(3);
        var instances = new Dictionary<string, StockBotProcess> { ["alpha"] = Start("alpha", telegram), ["beta"] = Start("beta", telegram) };
        string? victim = null;
        await WaitUntilAsync(
            () => Received(telegram, chats).Count > 0 && (victim = cli.Database.Text("SELECT claimed_by FROM alert_deliveries WHERE claimed_by IS NOT NULL ORDER BY id LIMIT 1")) is not null,
            "a send in flight",
            instances["alpha"]);
        await instances[victim!].SignalAsync("KILL", TimeSpan.FromSeconds(15));
        var killedAt = DateTimeOffset.UtcNow;
        var receivedBeforeKill = Received(telegram, chats);
        var heldByVictim = cli.Count($"alert_deliveries WHERE claimed_by = '{victim}' AND status = 'pending'");
        telegram.SendAnswerDelay = TimeSpan.Zero;
        var survivor = instances.Single(i => i.Key != victim).Value;

        await WaitUntilAsync(
            () => cli.Count("alert_deliveries WHERE status = 'sent'") == expected,
            "every row marked sent",
            survivor,
            TimeSpan.FromSeconds(90),
            () => cli.Database.Text("SELECT string_agg(concat(id, ':', status, ':', claimed_by, ':', next_attempt_at), ', ' ORDER BY id) FROM alert_deliveries") + " / "
                + cli.Database.Text("SELECT string_agg(concat(name, ':', last_seen_at), ', ') FROM cluster_instances") + $" / now {DateTime.UtcNow:O}");
        var lastAt = Received(telegram, chats).Max(c => c.ReceivedAt);

        var received = Received(telegram, chats);
        output.WriteLine($"killed {victim} holding {heldByVictim} claim(s); {receivedBeforeKill.Count} send(s) before the kill; last alert {(lastAt - killedAt).TotalSeconds:0.00} s after it (FailoverAfter {FailoverAfter.TotalSeconds} s)");
        Assert.True(heldByVictim > 0, "the killed instance held claims");
        foreach (var chat in chats)
        {
            Assert.Equal(levels, received.Where(c => c.ChatId == chat).Select(c => LevelOf(c, levels)).Distinct().Order());
        }

        var duplicates = received.GroupBy(c => (c.ChatId, LevelOf(c, levels))).Where(g => g.Count() > 1).ToList();
        Assert.All(duplicates, g => Assert.Equal(2, g.Count()));
        Assert.All(duplicates, g => Assert.Contains(receivedBeforeKill, c => (c.ChatId, LevelOf(c, levels)) == g.Key));
        Assert.Equal(0, cli.Count("alert_deliveries WHERE claimed_by IS NOT NULL"));
        Assert.Contains("claimed by an instance that stopped answering are due again", survivor.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Run_PostgresRestartedDuringACycle_BothReconnectAndNoFalseEvent()
    {
        using var server = PostgresServer.StartPrivate(out var skipReason);
        Skip.If(server is null, skipReason);
        cli = new CliHarness();
        var connectionString = server.Server.CreateDatabase();
        cli.Settings["ConnectionStrings:StockBot"] = connectionString;
        cli.Settings["Database:Provider"] = "postgres";
        cli.Settings["Security:EncryptionKey"] = Convert.ToBase64String(TestDatabase.Key);
        var database = new DatabaseProbe(TestProvider.Postgres, connectionString);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        const string chat = "-100971";
        var stores = new List<SimulatedStore>();
        for (var i = 1; i <= 3; i++)
        {
            var store = simulator.AddStore($"restart-{i}", $"restart-secret-{i}0088");
            store.AddProduct(1, "VPS", 5);
            stores.Add(store);
            await CliOkAsync("website", "add", "--name", $"Site {i}", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
            await CliOkAsync("monitor", "add", "--website", Text(i), "--product", "1", "--no-verify");
            await CliOkAsync("subscription", "add", "--platform", "telegram", "--channel", chat, "--monitor", Text(i));
        }

        var slow = stores[^1];
        slow.Latency = TimeSpan.FromMilliseconds(500);
        var telegramA = await StartTelegramAsync();
        var telegramB = await StartTelegramAsync();
        var ports = new[] { FreePort(), FreePort() };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var alpha = Start("alpha", telegramA, new() { ["Health__Urls"] = $"http://127.0.0.1:{ports[0]}" });
        var beta = Start("beta", telegramB, new() { ["Health__Urls"] = $"http://127.0.0.1:{ports[1]}" });
        var both = new[] { alpha, beta };
        await WaitUntilAsync(() => database.Count("cluster_instances") == 2 && stores.All(s => s.RequestCount >= 2), "two cycles of both", alpha);
        foreach (var port in ports)
        {
            await WaitForHealthAsync(http, port, HttpStatusCode.OK, both);
        }

        var eventsBefore = database.Count("monitor_histories");
        var messagesBefore = telegramA.Sent("sendMessage").Count + telegramB.Sent("sendMessage").Count;

        // During a cycle: a read of the slow website is in and held while the server restarts under both instances.
        var hold = slow.HoldNextAnswer();
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(60));
        var outputBefore = both.Select(p => p.Output.Length).ToList();
        server.Restart();
        var restartedAt = DateTimeOffset.UtcNow;
        hold.Release();

        // Recovered: both instances finish cycles again, and report healthy.
        var counts = stores.Select(s => s.RequestCount).ToList();
        await WaitUntilAsync(() => stores.Select((s, i) => s.RequestCount - counts[i]).All(n => n >= 3), "three more reads of every website", alpha, TimeSpan.FromSeconds(120));
        foreach (var port in ports)
        {
            await WaitForHealthAsync(http, port, HttpStatusCode.OK, both);
        }

        var recoveredAt = DateTimeOffset.UtcNow;
        Assert.All(both, p => Assert.False(p.HasExited, $"an instance exited. Output:\n{p.Output}"));
        Assert.Equal(eventsBefore, database.Count("monitor_histories"));

        // A real change after the restart: alerted once.
        stores[0].SetStock(1, 17);
        await WaitUntilAsync(() => Messages(telegramA, chat, 17).Count + Messages(telegramB, chat, 17).Count > 0, "the restock alert", alpha);
        counts = stores.Select(s => s.RequestCount).ToList();
        await WaitUntilAsync(() => stores.Select((s, i) => s.RequestCount - counts[i]).All(n => n >= 2), "two more cycles", alpha);

        var during = both.Select((p, i) => p.Output[outputBefore[i]..]).ToList();
        output.WriteLine($"healthy again {(recoveredAt - restartedAt).TotalSeconds:0.00} s after the restart");
        output.WriteLine(string.Join("\n---\n", during.Select(d => string.Join('\n', d.Split('\n').Where(l => l.Contains(" WRN]", StringComparison.Ordinal) || l.Contains(" ERR]", StringComparison.Ordinal))))));
        Assert.Equal(1, Messages(telegramA, chat, 17).Count + Messages(telegramB, chat, 17).Count);
        Assert.Equal(messagesBefore + 1, telegramA.Sent("sendMessage").Count + telegramB.Sent("sendMessage").Count);
        Assert.Equal(eventsBefore + 1, database.Count("monitor_histories"));
        Assert.All(during, d => Assert.DoesNotContain("   at ", d, StringComparison.Ordinal));
        // An instance that met the restart said so in one line, and that it writes again once the server answered.
        Assert.All(during.Where(d => d.Contains("Database: the PostgreSQL server", StringComparison.Ordinal)), d =>
        {
            Assert.Single(d.Split('\n'), l => l.Contains("Database: the PostgreSQL server", StringComparison.Ordinal));
            Assert.Contains("takes writes again", d, StringComparison.Ordinal);
        });
        Assert.All(both, p => Assert.False(p.HasExited, $"an instance exited. Output:\n{p.Output}"));
        server.Server.DropDatabase(connectionString);
    }

    private StockBotProcess Start(string name, FakeTelegramBotApi telegram, Dictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__StockBot"] = cli!.Settings["ConnectionStrings:StockBot"]!,
            ["Database__Provider"] = "postgres",
            ["Security__EncryptionKey"] = cli.Settings["Security:EncryptionKey"]!,
            ["Cluster__InstanceName"] = name,
            ["Cluster__FailoverAfter"] = FailoverAfter.ToString("c", CultureInfo.InvariantCulture),
            ["Monitoring__Interval"] = Interval.ToString("c", CultureInfo.InvariantCulture),
            ["Monitoring__RequestTimeout"] = RequestTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Telegram__Token"] = telegram.Token,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl,
        };
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }

        var process = StockBotProcess.Start(folder.Path, environment);
        processes.Add(process);
        return process;
    }

    private async Task<FakeTelegramBotApi> StartTelegramAsync()
    {
        var telegram = await FakeTelegramBotApi.StartAsync();
        fakes.Add(telegram);
        return telegram;
    }

    private async Task CliOkAsync(params string[] args)
    {
        var result = await cli!.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result.Error}");
    }

    private static List<TelegramCall> Messages(FakeTelegramBotApi telegram, string chat, int level) =>
        telegram.Sent("sendMessage", chat).Where(c => c.Text?.Contains($"→ {Text(level)}", StringComparison.Ordinal) == true).ToList();

    private static List<TelegramCall> Received(FakeTelegramBotApi telegram, List<string> chats) =>
        telegram.Sent("sendMessage").Where(c => chats.Contains(c.ChatId!)).ToList();

    private static int LevelOf(TelegramCall call, int[] levels) =>
        levels.Single(l => call.Text?.Contains($"→ {Text(l)}", StringComparison.Ordinal) == true);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForHealthAsync(HttpClient http, int port, HttpStatusCode status, StockBotProcess[] bots)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var last = "";
        while (true)
        {
            try
            {
                using var answer = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
                last = $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}";
                if (answer.StatusCode == status)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"/healthz on {port} never answered {status} (last: {last}). Output:\n{string.Join("\n---\n", bots.Select(b => b.Output))}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits for a fact the test can see (a row, a request, a message), or fails with the process's output.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what, StockBotProcess bot, TimeSpan? timeout = null, Func<string?>? state = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited in vain for {what} ({state?.Invoke()}). Output so far:\n{bot.Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>When each store was asked for its products: its request count sampled every 20 ms, each new request stamped.</summary>
    private sealed class ReadLog : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly ConcurrentDictionary<SimulatedStore, ConcurrentQueue<DateTimeOffset>> times = new();
        private readonly Task sampling;

        public ReadLog(IReadOnlyList<SimulatedStore> stores)
        {
            foreach (var store in stores)
            {
                times[store] = new ConcurrentQueue<DateTimeOffset>();
            }

            sampling = Task.Run(async () =>
            {
                var seen = stores.ToDictionary(s => s, s => s.RequestCount);
                while (!stop.IsCancellationRequested)
                {
                    foreach (var store in stores)
                    {
                        var now = store.RequestCount;
                        for (; seen[store] < now; seen[store]++)
                        {
                            times[store].Enqueue(DateTimeOffset.UtcNow);
                        }
                    }

                    await Task.Delay(20);
                }
            });
        }

        public List<DateTimeOffset> After(SimulatedStore store, DateTimeOffset from) => times[store].Where(t => t > from).ToList();

        public TimeSpan LargestGapAfter(SimulatedStore store, DateTimeOffset from)
        {
            var after = After(store, from).Prepend(from).ToList();
            return after.Zip(after.Skip(1)).Select(p => p.Second - p.First).DefaultIfEmpty().Max();
        }

        public void Dispose()
        {
            stop.Cancel();
            sampling.Wait(TimeSpan.FromSeconds(5));
            stop.Dispose();
        }
    }
}
