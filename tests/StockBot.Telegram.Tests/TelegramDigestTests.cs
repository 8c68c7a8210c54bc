using StockBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using StockBot.Core.Monitors;
using static StockBot.Telegram.Tests.TelegramHostHarness;

namespace StockBot.Telegram.Tests;

/// <summary>Digests and quiet hours on Telegram, through the real host's cycle and dispatcher against the fake Bot API.</summary>
public class TelegramDigestTests : IAsyncLifetime
{
    private readonly TestProvider provider;

    public TelegramDigestTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected TelegramDigestTests(TestProvider provider) => this.provider = provider;

    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private TelegramHostHarness h = null!;

    public async Task InitializeAsync()
    {
        h = await CreateAsync(provider);
        await h.StartAsync();
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [SkippableFact]
    public async Task Cycle_30RestocksToOneGroup_OneMessageUnder4096WithEveryBuyLink()
    {
        var products = Enumerable.Range(301, 30).ToList();
        await AddProductsAsync(products);
        Subscribe();
        await h.RunCycleAsync();
        products.ForEach(pid => h.Store.SetStock(pid, 4));
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await h.RunCycleAsync();

        Assert.Equal(30, result.Sent);
        var message = Assert.Single(h.Telegram.Sent("sendMessage", Id(GroupId)), c => !IsTestMessage(c));
        var text = message.Text!;
        Assert.Equal("html", message.Get("parse_mode")?.ToLowerInvariant());
        Assert.StartsWith("📣 <b>30 alerts</b>\n🟢 Back in stock: Plan 301 — Sim (US-East): 0 → 4 (+4) — <a href=", text, StringComparison.Ordinal);
        Assert.True(text.Length < 4096, $"{text.Length} characters");
        Assert.All(products, pid => Assert.Contains($"cart.php?a=add&amp;pid={pid}\">Buy</a>", text, StringComparison.Ordinal));
        Assert.Equal(30, h.Count("alert_deliveries WHERE status = 'sent' AND external_message_id IS NOT NULL"));
        // Every row carries the one message's id.
        Assert.Equal(30, h.Count("alert_deliveries WHERE external_message_id = (SELECT MIN(external_message_id) FROM alert_deliveries)"));
    }

    [SkippableFact]
    public async Task Cycle_QuietHoursAcrossMidnightInBerlin_HeldThenOneDigestWithoutWhatIsNoLongerTrue()
    {
        await AddProductsAsync([301, 302]);
        var subscribed = await h.CliAsync("subscription", "add", "--platform", "telegram", "--channel", Id(GroupId), "--quiet", "22:00-07:00", "--timezone", "Europe/Berlin");
        Assert.True(subscribed.ExitCode == 0, subscribed.Error);
        MoveToBerlin(new LocalTime(21, 0));
        await h.RunCycleAsync();

        // 23:00 Berlin (22:00 UTC): two restocks and a sell-out, held.
        MoveToBerlin(new LocalTime(23, 0));
        h.Store.SetStock(301, 5);
        h.Store.SetStock(302, 4);
        h.Store.SetStock(101, 0);
        var held = await h.RunCycleAsync();
        Assert.Equal(0, held.Sent);
        Assert.Equal(3, h.Count("alert_deliveries WHERE status = 'pending'"));

        // 02:00 the next day: 302 sells out again. Later than Alerts:MaxAge after the restocks, still held, none expired.
        MoveToBerlin(new LocalTime(2, 0));
        h.Store.SetStock(302, 0);
        await h.RunCycleAsync();
        MoveToBerlin(new LocalTime(6, 59));
        await h.DispatchAsync();
        Assert.DoesNotContain(h.Telegram.Sent("sendMessage", Id(GroupId)), c => !IsTestMessage(c));
        Assert.Equal(4, h.Count("alert_deliveries WHERE status = 'pending'"));

        // 07:00: the quiet hours end; one digest, without 302's restock (it sold out again).
        MoveToBerlin(new LocalTime(7, 0));
        var released = await h.DispatchAsync();

        var message = Assert.Single(h.Telegram.Sent("sendMessage", Id(GroupId)), c => !IsTestMessage(c));
        var lines = message.Text!.Split('\n');
        Assert.Equal("🌙 <b>3 alerts while quiet hours were on</b>", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains("VPS Small 2GB — Sim (US-East): 6 → 0 (-6)", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("🟢 Back in stock: Plan 301 — Sim (US-East): 0 → 5 (+5)", lines[2], StringComparison.Ordinal);
        Assert.Contains("Plan 302 — Sim (US-East): 4 → 0 (-4)", lines[3], StringComparison.Ordinal);
        Assert.DoesNotContain("Back in stock: Plan 302", message.Text, StringComparison.Ordinal);
        Assert.Equal(3, released.Sent);
        Assert.Equal(1, h.Count("alert_deliveries WHERE status = 'expired' AND last_error LIKE 'Held in quiet hours%'"));
        Assert.Equal(0, h.Count("alert_deliveries WHERE status = 'pending'"));
    }

    [SkippableFact]
    public async Task SubscriptionAdd_BadQuietOrZone_ExitTwoNamingTheFlag()
    {
        var zone = await h.CliAsync("subscription", "add", "--platform", "telegram", "--channel", Id(GroupId), "--quiet", "22:00-07:00", "--timezone", "Mars/Olympus");
        var range = await h.CliAsync("subscription", "add", "--platform", "telegram", "--channel", Id(GroupId), "--quiet", "22:00-22:00");
        var digest = await h.CliAsync("subscription", "add", "--platform", "telegram", "--channel", Id(GroupId), "--digest-after", "0");

        Assert.Equal(2, zone.ExitCode);
        Assert.StartsWith("--timezone: 'Mars/Olympus' is not an IANA time zone", zone.Error.Trim().Replace("error: ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(2, range.ExitCode);
        Assert.StartsWith("--quiet: '22:00-22:00' is not a range HH:MM-HH:MM", range.Error.Trim().Replace("error: ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(2, digest.ExitCode);
        Assert.Contains("--digest-after", digest.Error, StringComparison.Ordinal);
        Assert.Equal(0, h.Count("subscriptions"));
    }

    private void Subscribe()
    {
        var subscribed = h.CliAsync("subscription", "add", "--platform", "telegram", "--channel", Id(GroupId)).GetAwaiter().GetResult();
        Assert.True(subscribed.ExitCode == 0, subscribed.Error);
    }

    private async Task AddProductsAsync(IReadOnlyList<int> products)
    {
        await h.AddWebsiteAndMonitorsAsync(101);
        await using var scope = h.Service.Services.CreateAsyncScope();
        var monitors = scope.ServiceProvider.GetRequiredService<MonitorService>();
        foreach (var pid in products)
        {
            h.Store.AddProduct(pid, $"Plan {pid}", 0);
            await monitors.CreateAsync(new MonitorInput(1, pid), CancellationToken.None);
        }
    }

    /// <summary>Moves the host's clock forward to the next <paramref name="time"/> in Berlin.</summary>
    private void MoveToBerlin(LocalTime time)
    {
        var now = Instant.FromDateTimeOffset(h.Clock.GetUtcNow()).InZone(Berlin);
        var date = now.TimeOfDay < time ? now.Date : now.Date.PlusDays(1);
        h.Clock.SetUtcNow(Berlin.AtLeniently(date + time).ToDateTimeOffset());
    }
}
