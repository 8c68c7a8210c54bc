using StockBot.Simulator;
using StockBot.Testing;
using StockBot.Testing.Telegram;
using Xunit.Abstractions;

namespace StockBot.Host.Tests;

/// <summary>The process tests that measure how soon something happens run alone, not beside the rest of the suite.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Runs alone";
}

/// <summary>
/// `stockbot run` killed with SIGKILL while an alert is on its way to a slow Telegram, then started again on the same
/// database: the message in flight goes out again within seconds, each chat keeps its order, nothing is lost, and the
/// only duplicate is the one message per send in flight.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class CrashDispatchProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ChatA = "-100501";
    private const string ChatB = "-100502";

    // Restocks to these levels, in this order, alternating between the two products (0 -> 11, 0 -> 22, 11 -> 33, 22 -> 44).
    private static readonly int[] Levels = [11, 22, 33, 44];

    private readonly TempFolder folder = new("stockbot-crash-");
    private readonly CliHarness cli = new();
    private WhmcsSimulator simulator = null!;
    private FakeTelegramBotApi telegram = null!;

    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        telegram = await FakeTelegramBotApi.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await telegram.DisposeAsync();
        await simulator.DisposeAsync();
        cli.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task Run_KilledMidDispatchToTwoChats_ResendsWithinTenSecondsInOrderWithAtMostOneDuplicate()
    {
        var store = simulator.AddStore("crash-id", "crash-secret-6021");
        store.AddProduct(1, "Alpha VPS", 0);
        store.AddProduct(2, "Beta VPS", 0);
        await cli.RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "1");
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "2");
        // Each chat has one subscription per monitor: the order to hold is the chat's, across its subscriptions.
        foreach (var chat in new[] { ChatA, ChatB })
        {
            foreach (var monitor in new[] { "1", "2" })
            {
                Assert.Equal(0, (await cli.RunAsync("subscription", "add", "--platform", "telegram", "--channel", chat, "--monitor", monitor)).ExitCode);
            }
        }

        // The changes come from `check` runs without a Telegram token: their alerts wait in the outbox, the whole
        // backlog of both chats (2 x 4 rows) is there before the bot starts sending.
        Assert.Equal(0, (await cli.RunAsync("check")).ExitCode);
        for (var i = 0; i < Levels.Length; i++)
        {
            store.SetStock(i % 2 + 1, Levels[i]);
            Assert.Equal(0, (await cli.RunAsync("check")).ExitCode);
        }

        Assert.Equal(2 * Levels.Length, cli.Count("alert_deliveries WHERE status = 'pending'"));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__StockBot"] = $"Data Source={cli.DatabasePath}",
            ["Monitoring__Interval"] = "00:00:30",
            ["Telegram__Token"] = telegram.Token,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl,
        };

        // Every send is received at once and answered 2 s later: the kill lands while a send is in flight.
        telegram.SendAnswerDelay = TimeSpan.FromSeconds(2);
        var first = StockBotProcess.Start(folder.Path, environment);
        await using (first)
        {
            await WaitUntilAsync(() => Received().Count > 0, first, "a send in flight");
            await first.SignalAsync("KILL", TimeSpan.FromSeconds(15));
        }

        var receivedBeforeKill = Received();
        var unanswered = cli.Count("alert_deliveries WHERE status = 'pending'");
        telegram.SendAnswerDelay = TimeSpan.Zero;
        var startedAt = DateTimeOffset.UtcNow;
        await using var second = StockBotProcess.Start(folder.Path, environment);
        // The restart counts from the moment the new process is up and has released its claims, not from dotnet's own start-up.
        await second.WaitForOutputAsync("they are sent again now", TimeSpan.FromSeconds(60));
        var restartedAt = DateTimeOffset.UtcNow;
        await WaitUntilAsync(() => Levels.All(l => Has(ChatA, l) && Has(ChatB, l)), second, "every alert in both chats", TimeSpan.FromSeconds(90));
        await WaitUntilAsync(() => cli.Count("alert_deliveries WHERE status = 'sent'") == 2 * Levels.Length, second, "every row marked sent");
        await second.TerminateAsync(TimeSpan.FromSeconds(15));

        var afterRestart = Received().Skip(receivedBeforeKill.Count).ToList();
        output.WriteLine($"started in {restartedAt - startedAt}; received: {string.Join(", ", Received().Select(c => $"{c.ChatId}:{LevelOf(c)}@{(c.ReceivedAt - restartedAt).TotalSeconds:0.0}s"))}");
        Assert.True(unanswered > 0, "rows were still pending at the kill");
        Assert.NotEmpty(afterRestart);
        var firstAfter = afterRestart[0].ReceivedAt - restartedAt;
        Assert.True(firstAfter < TimeSpan.FromSeconds(10),
            $"the first alert after the restart came {firstAfter} after it ({restartedAt - startedAt} to start). Output:\n{second.Output}");
        foreach (var chat in new[] { ChatA, ChatB })
        {
            var levels = Received().Where(c => c.ChatId == chat).Select(LevelOf).ToList();
            // In order: a resent message can only come right after itself, never after a newer one.
            Assert.True(levels.Zip(levels.Skip(1)).All(p => Array.IndexOf(Levels, p.First) <= Array.IndexOf(Levels, p.Second)),
                $"chat {chat} got {string.Join(", ", levels)}");
            Assert.Equal(Levels, levels.Distinct());
        }

        // The only duplicates are messages that were in flight at the kill (received, never answered): at most one each.
        var duplicates = Received().GroupBy(c => (c.ChatId, LevelOf(c))).Where(g => g.Count() > 1).ToList();
        Assert.All(duplicates, g => Assert.Equal(2, g.Count()));
        Assert.All(duplicates, g => Assert.Contains(receivedBeforeKill, c => (c.ChatId, LevelOf(c)) == g.Key));
        Assert.Equal(0, cli.Count("alert_deliveries WHERE claimed_by IS NOT NULL"));
    }

    private List<TelegramCall> Received() =>
        telegram.Sent("sendMessage").Where(c => c.ChatId is ChatA or ChatB).ToList();

    private bool Has(string chat, int level) => Received().Any(c => c.ChatId == chat && LevelOf(c) == level);

    private static int LevelOf(TelegramCall call) =>
        Levels.Single(l => call.Text?.Contains($"→ {l.ToString(System.Globalization.CultureInfo.InvariantCulture)}", StringComparison.Ordinal) == true);

    /// <summary>Waits for a fact the test can see (a row, a received message), or fails with the bot's output.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, StockBotProcess bot, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited in vain for {what}. Output so far:\n{bot.Output}");
            }

            await Task.Delay(50);
        }
    }
}
