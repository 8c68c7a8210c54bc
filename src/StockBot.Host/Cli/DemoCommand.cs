using System.Security.Cryptography;
using StockBot.Core;
using StockBot.Core.Alerts;
using StockBot.Core.Monitoring;
using StockBot.Core.Monitors;
using StockBot.Core.Subscriptions;
using StockBot.Core.Websites;
using StockBot.Data.Entities;
using StockBot.Simulator;
using StockBot.Simulator.Storefront;

namespace StockBot.Host.Cli;

/// <summary>
/// A newcomer's first ten seconds: a simulated WHMCS store, a throw-away database, and alerts
/// printed as they would read in chat. Nothing outside a temporary folder is touched.
/// </summary>
internal static class DemoCommand
{
    public static Command Build(CommandRunner runner)
    {
        var cycles = new Option<int?>("--cycles") { Description = "Stop after this many cycles (default: until Ctrl+C)" };
        var seconds = new Option<int>("--interval-seconds") { Description = "Seconds between cycles (1-60, default 3)", DefaultValueFactory = _ => 3 };
        var telegramChat = Args.Opt<string>("--telegram-chat", "Also deliver the alerts to this Telegram chat (needs Telegram:Token)");
        var discordChannel = Args.Opt<string>("--discord-channel", "Also deliver the alerts to this Discord channel (needs Discord:Token)");
        var storefront = new Option<bool>("--storefront") { Description = "Read the simulated stores' public order pages (storefront mode, no API credentials)" };
        var demo = Args.Command("demo", "Watch StockBot work against a simulated WHMCS store, alerts printed here", cycles, seconds, telegramChat, discordChannel, storefront);
        demo.SetAction(async (parse, ct) =>
        {
            var interval = parse.GetValue(seconds);
            if (interval is < 1 or > 60)
            {
                await runner.Environment.Error.WriteLineAsync("error: interval-seconds: must be between 1 and 60");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(cycles) is < 1)
            {
                await runner.Environment.Error.WriteLineAsync("error: cycles: must be 1 or more");
                return ExitCodes.BadInput;
            }

            var folder = Directory.CreateTempSubdirectory("stockbot-demo-").FullName;
            await using var simulator = await WhmcsSimulator.StartAsync(cancellationToken: ct);
            var settings = new Dictionary<string, string?>(runner.Environment.Overrides)
            {
                ["ConnectionStrings:StockBot"] = $"Data Source={Path.Combine(folder, "demo.db")}",
                ["Security:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                // The simulated stores are on this machine: no need for a second between their pages.
                ["Storefront:MinRequestGap"] = "00:00:00",
            };
            var demoRunner = new CommandRunner(runner.Environment with { Overrides = settings });
            try
            {
                var chats = new List<(Platform Platform, string Channel)>();
                if (parse.GetValue(telegramChat) is { Length: > 0 } chat)
                {
                    chats.Add((Platform.Telegram, chat));
                }

                if (parse.GetValue(discordChannel) is { Length: > 0 } channel)
                {
                    chats.Add((Platform.Discord, channel));
                }

                return await demoRunner.RunAsync(parse, c => RunDemoAsync(c, simulator, folder, parse.GetValue(cycles), TimeSpan.FromSeconds(interval), chats, parse.GetValue(storefront)), ct);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                TryDelete(folder);
            }
        });
        return demo;
    }

    private static async Task<int> RunDemoAsync(
        CliInvocation c, WhmcsSimulator simulator, string folder, int? cycles, TimeSpan interval, IReadOnlyList<(Platform Platform, string Channel)> chats, bool storefront)
    {
        var output = c.Output;
        var random = new Random();
        var east = simulator.AddStore("demo-identifier-east", "demo-secret-east");
        east.AddProduct(101, "VPS Small 2GB", 6);
        east.AddProduct(102, "VPS Large 8GB", 2);
        east.AddProduct(103, "Storage VPS 1TB", null);
        var north = simulator.AddStore("demo-identifier-north", "demo-secret-north");
        north.AddProduct(201, "Dedicated Ryzen 7950X", 1);
        north.AddProduct(202, "Dedicated EPYC 9354", 0);

        var websites = c.Get<WebsiteService>();
        var monitors = c.Get<MonitorService>();
        var eastSite = await websites.CreateAsync(Website("Example Cloud (demo)", east, "US-East", storefront), c.CancellationToken);
        var northSite = await websites.CreateAsync(Website("Nordic VPS (demo)", north, "EU-North", storefront), c.CancellationToken);
        await monitors.CreateAsync(new MonitorInput(eastSite.Id, 101, ThresholdLow: 3, ThresholdHigh: 12), c.CancellationToken);
        await monitors.CreateAsync(new MonitorInput(eastSite.Id, 102, ThresholdLow: 1), c.CancellationToken);
        await monitors.CreateAsync(new MonitorInput(eastSite.Id, 103), c.CancellationToken);
        await monitors.CreateAsync(new MonitorInput(northSite.Id, 201, ThresholdLow: 1), c.CancellationToken);
        await monitors.CreateAsync(new MonitorInput(northSite.Id, 202), c.CancellationToken);
        await c.Get<SubscriptionService>().AddAsync(new SubscriptionInput(Platform.Console, "demo", Events: AllKinds, CreatedBy: "demo"), c.CancellationToken);
        var senders = c.Get<AlertSenders>();
        foreach (var (platform, channel) in chats)
        {
            // The bot's sender, not the webhook one (always there, for Discord): a demo chat is a bot target.
            if (senders.For(platform, webhook: false) is null)
            {
                throw new InputException(platform == Platform.Telegram ? "telegram-chat" : "discord-channel", $"needs {(platform == Platform.Telegram ? "Telegram:Token" : "Discord:Token")} to be set");
            }

            await c.Get<SubscriptionService>().AddAsync(new SubscriptionInput(platform, channel, Events: AllKinds, CreatedBy: "demo"), c.CancellationToken);
        }

        output.Line("StockBot demo");
        output.Line($"  simulated WHMCS stores at {simulator.BaseAddress} (2 websites, 5 products)");
        if (storefront)
        {
            output.Line("  storefront mode: read from the public order pages (standard_cart and Lagom 2), no API credentials;");
            output.Line("  counts only where the store shows them, and a new product appears on the third cycle.");
        }

        output.Line($"  throw-away database in {folder}");
        output.Line($"  a cycle every {interval.TotalSeconds:0} s; stock moves between cycles; alerts print below as they would in chat.");
        foreach (var (platform, channel) in chats)
        {
            output.Line($"  also delivering to {platform} {channel}");
        }

        output.Line(cycles is null ? "  Ctrl+C stops it." : $"  {cycles} cycle(s), then it stops.");
        output.Line();

        var monitoring = c.Get<MonitoringCycle>();
        var done = 0;
        try
        {
            while (cycles is null || done < cycles)
            {
                var (result, _) = await monitoring.RunAsync(c.CancellationToken);
                done++;
                output.Line($"-- cycle {done}: {result.MonitorsChecked} monitors on {result.WebsitesChecked} websites, {result.Changes} change(s), {result.Events} event(s) in {result.DurationMs} ms");
                if (cycles is not null && done >= cycles)
                {
                    break;
                }

                await Task.Delay(interval, c.CancellationToken);
                Move(east, north, random);
                if (done == 2)
                {
                    // Listed for the first time: a `new` alert, also in API mode once its discovery interval has passed.
                    east.AddProduct(104, "VPS Launch Special 4GB", 5);
                }
            }
        }
        catch (OperationCanceledException) when (c.CancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how a demo ends.
        }

        output.Line($"Demo over after {done} cycle(s).");
        return ExitCodes.Success;
    }

    private static readonly string AllKinds = string.Join(",", Core.Subscriptions.EventKinds.All);

    /// <summary>A demo website: with the store's API credentials, or in storefront mode without any.</summary>
    private static WebsiteInput Website(string name, SimulatedStore store, string region, bool storefront)
    {
        if (!storefront)
        {
            return new WebsiteInput(name, store.WebsiteUrl.ToString(), store.Identifier, store.Secret, region);
        }

        store.Storefront.Template = region == "US-East" ? StorefrontTemplate.StandardCart : StorefrontTemplate.Lagom;
        store.Storefront.ModernRoutes = true;
        return new WebsiteInput(name, store.WebsiteUrl + "/cart.php", null, null, region, Mode: WebsiteMode.Storefront);
    }

    /// <summary>Buyers and restocks: mostly sales of one or two, now and then a restock.</summary>
    private static void Move(SimulatedStore east, SimulatedStore north, Random random)
    {
        foreach (var (store, pid) in new[] { (east, 101), (east, 102), (north, 201), (north, 202) })
        {
            var stock = store.GetStock(pid) ?? 0;
            var roll = random.NextDouble();
            if (roll < 0.35 && stock > 0)
            {
                store.SetStock(pid, stock - random.Next(1, Math.Min(stock, 2) + 1));
            }
            else if (roll > 0.85 || (stock == 0 && roll > 0.6))
            {
                store.SetStock(pid, stock + random.Next(2, 9));
            }
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
