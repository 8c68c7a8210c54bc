using StockBot.Testing;
using System.Diagnostics;
using System.Globalization;
using static StockBot.Telegram.Tests.TelegramHostHarness;

namespace StockBot.Telegram.Tests;

/// <summary>Alerts from a real monitoring cycle on the WHMCS simulator, through the host's dispatcher and the Telegram sender.</summary>
public class TelegramAlertTests : IAsyncLifetime
{
    private readonly TestProvider provider;

    public TelegramAlertTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected TelegramAlertTests(TestProvider provider) => this.provider = provider;

    private const long OpsChat = 3003;
    private const long MissingChat = -100777;
    private const long BlockedChat = 4004;

    private TelegramHostHarness h = null!;

    public async Task InitializeAsync()
    {
        h = await CreateAsync(provider);
        await h.StartAsync();
        await h.AddWebsiteAndMonitorsAsync(102);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [SkippableFact]
    public async Task Restock_TwoSubscribedChats_EachGetsOneHtmlAlertWithBuyButton()
    {
        await SubscribeAsync(GroupId);
        // A private chat's own user may subscribe it; the mention goes in front of every alert.
        var subscribed = await h.CommandAsync(OpsChat, OpsChat, "private", "/subscribe mention=@oncall");
        Assert.Contains("Subscribed", subscribed.Text, StringComparison.Ordinal);
        await h.RunCycleAsync();
        h.Store.SetStock(102, 9);
        h.Clock.Advance(TimeSpan.FromMinutes(3));

        var result = await h.RunCycleAsync();

        Assert.Equal(2, result.Sent);
        foreach (var chat in new[] { GroupId, OpsChat })
        {
            var alert = h.Telegram.Sent("sendMessage", Id(chat))[^1];
            Assert.Equal("html", alert.Get("parse_mode")?.ToLowerInvariant());
            Assert.Contains("🟢 <b>More stock: VPS &lt;Large&gt; &amp; 8GB</b>", alert.Text, StringComparison.Ordinal);
            Assert.Contains("Sim (US-East)", alert.Text, StringComparison.Ordinal);
            Assert.Contains("2 → 9 (+7)", alert.Text, StringComparison.Ordinal);
            var buy = Assert.Single(alert.Buttons);
            Assert.Equal("Buy", buy.Text);
            Assert.Equal($"{h.Store.WebsiteUrl.ToString().TrimEnd('/')}/cart.php?a=add&pid=102", buy.Url);
        }

        Assert.StartsWith("@oncall 🟢", h.Telegram.Sent("sendMessage", Id(OpsChat))[^1].Text, StringComparison.Ordinal);
        // Besides the test message each /subscribe posted: the alert (and in the ops chat, the reply).
        Assert.Single(h.Telegram.Sent("sendMessage", Id(GroupId)), m => !TelegramHostHarness.IsTestMessage(m));
        Assert.Equal(2, h.Telegram.Sent("sendMessage", Id(OpsChat)).Count(m => !TelegramHostHarness.IsTestMessage(m)));
        Assert.Equal(2, h.Count("alert_deliveries WHERE status = 'sent' AND external_message_id IS NOT NULL"));
        Assert.Empty(h.Telegram.Violations);
    }

    [SkippableFact]
    public async Task Outage502_AlertsStayPending_ThenEachIsDeliveredExactlyOnce()
    {
        await SubscribeAsync(OpsChat, "--events", "restock,purchase");
        await h.RunCycleAsync();
        h.Telegram.FailSends502(1000);
        h.Store.SetStock(102, 5);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var first = await h.RunCycleAsync();
        h.Store.SetStock(102, 1);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await h.RunCycleAsync();

        Assert.Equal((0, 1), (first.Sent, first.Retrying));
        Assert.Equal(0, second.Sent);
        Assert.Equal(2, h.Count("alert_deliveries WHERE status = 'pending'"));
        Assert.Empty(h.Telegram.Sent("sendMessage", Id(OpsChat)));

        h.Telegram.ClearFailures();
        h.Clock.Advance(TimeSpan.FromMinutes(11));
        var recovered = await h.DispatchAsync();
        var again = await h.DispatchAsync();

        Assert.Equal(2, recovered.Sent);
        Assert.Equal(0, again.Sent);
        var sent = h.Telegram.Sent("sendMessage", Id(OpsChat));
        Assert.Equal(2, sent.Count);
        Assert.Contains("2 → 5 (+3)", sent[0].Text, StringComparison.Ordinal);
        Assert.Contains("5 → 1 (-4)", sent[1].Text, StringComparison.Ordinal);
        Assert.Equal(2, h.Count("alert_deliveries WHERE status = 'sent'"));
    }

    [SkippableFact]
    public async Task RateLimited429_RetryAfterIsHonouredWithoutStallingTheDispatcher()
    {
        await SubscribeAsync(OpsChat);
        await h.RunCycleAsync();
        h.Telegram.FailSends429(retryAfterSeconds: 2);
        h.Store.SetStock(102, 8);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var watch = Stopwatch.StartNew();
        var limited = await h.RunCycleAsync();
        watch.Stop();
        var nextAttempt = DateTime.Parse(Assert.Single(h.Service.Database.Rows("SELECT next_attempt_at FROM alert_deliveries")), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var early = await h.DispatchAsync();

        Assert.Equal(1, limited.Retrying);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the dispatcher waited {watch.Elapsed} on a 429");
        Assert.InRange((nextAttempt - h.Clock.GetUtcNow().UtcDateTime).TotalSeconds, 1.5, 2.5);
        Assert.Equal(0, early.Sent);

        await Task.Delay(TimeSpan.FromSeconds(2));
        h.Clock.Advance(TimeSpan.FromSeconds(3));
        var later = await h.DispatchAsync();

        Assert.Equal(1, later.Sent);
        Assert.Single(h.Telegram.Sent("sendMessage", Id(OpsChat)));
    }

    [SkippableFact]
    public async Task ChatNotFoundOrBlocked_DeactivatesThoseSubscriptions_OthersStillGetTheAlert()
    {
        await SubscribeAsync(OpsChat);
        await SubscribeAsync(MissingChat);
        await SubscribeAsync(BlockedChat);
        h.Telegram.FailChatNotFound(Id(MissingChat));
        h.Telegram.FailBlocked(Id(BlockedChat));
        await h.RunCycleAsync();
        h.Store.SetStock(102, 12);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await h.RunCycleAsync();

        Assert.Equal((1, 2), (result.Sent, result.Failed));
        Assert.Single(h.Telegram.Sent("sendMessage", Id(OpsChat)));
        Assert.Equal(0, h.Count($"subscriptions WHERE channel_id IN ('{MissingChat}', '{BlockedChat}') AND is_active = TRUE"));
        Assert.Equal(1, h.Count($"subscriptions WHERE channel_id = '{OpsChat}' AND is_active = TRUE"));
        Assert.Contains("chat not found", h.Scalar($"SELECT d.last_error FROM alert_deliveries d JOIN subscriptions s ON s.id = d.subscription_id WHERE s.channel_id = '{MissingChat}'"), StringComparison.Ordinal);
    }

    private async Task SubscribeAsync(long chat, params string[] more)
    {
        var result = await h.CliAsync(["subscription", "add", "--platform", "telegram", "--channel", Id(chat), .. more]);
        Assert.True(result.ExitCode == 0, result.Error);
    }
}
