using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using StockBot.Core.Alerts;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Alerts;

public sealed class SubscriptionTesterTests : IDisposable
{
    private readonly TestDatabase database = new();
    private readonly IAlertSender telegram = Substitute.For<IAlertSender>();
    private readonly List<(Alert Alert, AlertTarget Target)> sent = [];

    public SubscriptionTesterTests() => telegram.Platform.Returns(Platform.Telegram);

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task TestAsync_PlatformAccepts_PostsATestMarkedAlertWithTheMonitorsBuyLinkAndClearsTheLastError()
    {
        var id = await SubscribeAsync(s => (s.LastError, s.ThreadId) = ("Forbidden: not enough rights", "7"));
        Answer(AlertSendResult.Sent("4242"));

        var result = await TestAsync(id, telegram);

        Assert.Equal((TestOutcome.Sent, "4242", null), (result.Outcome, result.MessageId, result.Error));
        Assert.Contains("message 4242", result.Summary, StringComparison.Ordinal);
        var (alert, target) = sent.Single();
        Assert.True(alert.IsTest);
        Assert.Equal("Test: StockBot test message", AlertText.Title(alert));
        Assert.Contains("test", AlertText.PlainText(alert), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("https://billing.example.com/cart.php?a=add&pid=101", alert.BuyLink);
        Assert.Equal(("-100200", "@oncall", "7"), (target.ChannelId, target.Mention, target.ThreadId));
        Assert.Null(database.Text($"SELECT last_error FROM subscriptions WHERE id = {id}"));
    }

    [Fact]
    public async Task TestAsync_PlatformRefuses_ReportsItsErrorAndKeepsItOnTheSubscriptionWhichStaysOn()
    {
        var id = await SubscribeAsync();
        Answer(AlertSendResult.Gone("Forbidden: bot is not a member of the channel chat"));

        var result = await TestAsync(id, telegram);

        Assert.Equal((TestOutcome.Refused, "Forbidden: bot is not a member of the channel chat"), (result.Outcome, result.Error));
        Assert.False(result.Delivered);
        await using var db = database.NewContext();
        var row = await db.Subscriptions.SingleAsync();
        Assert.True(row.IsActive);
        Assert.Equal("Test message refused: Forbidden: bot is not a member of the channel chat", row.LastError);
        Assert.Equal(database.Time.GetUtcNow().UtcDateTime, row.LastErrorAt);
    }

    [Fact]
    public async Task TestAsync_NoSenderForThePlatform_SaysTheBotIsNotConfiguredHere()
    {
        var id = await SubscribeAsync();

        var result = await TestAsync(id);

        Assert.Equal(TestOutcome.NotConfigured, result.Outcome);
        Assert.Contains("telegram bot is not configured in this process (Telegram:Token", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestAsync_ChatMoved_MovesTheSubscriptionAndPostsTheTestThere()
    {
        var id = await SubscribeAsync();
        telegram.SendAsync(Arg.Any<Alert>(), Arg.Any<AlertTarget>(), Arg.Any<CancellationToken>())
            .Returns(call => call.ArgAt<AlertTarget>(1).ChannelId == "-100200" ? AlertSendResult.Moved("-100777", "migrated") : AlertSendResult.Sent("1"));

        var result = await TestAsync(id, telegram);

        Assert.Equal((TestOutcome.Sent, "-100777", "-100777"), (result.Outcome, result.ChannelId, result.MovedTo));
        Assert.Equal("-100777", database.Text($"SELECT channel_id FROM subscriptions WHERE id = {id}"));
    }

    [Fact]
    public async Task TestAsync_UnknownSubscription_IsBadInputNamingTheId()
    {
        var error = await Assert.ThrowsAsync<InputException>(() => TestAsync(99, telegram));

        Assert.Equal("subscription_id", error.Field);
    }

    private void Answer(AlertSendResult result) =>
        telegram.SendAsync(Arg.Any<Alert>(), Arg.Any<AlertTarget>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                sent.Add((call.ArgAt<Alert>(0), call.ArgAt<AlertTarget>(1)));
                return result;
            });

    private async Task<SubscriptionTestResult> TestAsync(int id, params IAlertSender[] senders)
    {
        await using var db = database.NewContext();
        var tester = new SubscriptionTester(db, new AlertSenders(senders, database.Protector), database.Subscriptions(db), database.Time, NullLogger<SubscriptionTester>.Instance);
        return await tester.TestAsync(id, CancellationToken.None);
    }

    private async Task<int> SubscribeAsync(Action<Subscription>? configure = null)
    {
        var site = await database.AddWebsiteAsync();
        var monitor = await database.AddMonitorAsync(site.Id);
        await using var db = database.NewContext();
        var subscription = new Subscription { Platform = Platform.Telegram, ChannelId = "-100200", MonitorConfigId = monitor.Id, EventKinds = "restock", Mention = "@oncall", CreatedAt = database.Time.GetUtcNow().UtcDateTime };
        configure?.Invoke(subscription);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription.Id;
    }
}
