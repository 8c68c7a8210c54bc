using StockBot.Core.Status;
using StockBot.Core.Subscriptions;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Services;

public sealed class SubscriptionAndStatusTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task AddAsync_EventsInAnyOrder_StoresThemNormalized()
    {
        await using var db = database.NewContext();

        var created = await database.Subscriptions(db).AddAsync(new SubscriptionInput(Platform.Telegram, "-100123", Events: "threshold, restock"), CancellationToken.None);

        Assert.Equal("telegram", created.Platform);
        Assert.Equal("restock,threshold", created.EventKinds);
        Assert.Equal("everything", created.Scope);
    }

    [Fact]
    public async Task AddAsync_SameChannelAndScopeTwice_IsRefused()
    {
        var site = await database.AddWebsiteAsync();
        await using var db = database.NewContext();
        await database.Subscriptions(db).AddAsync(new SubscriptionInput(Platform.Discord, "42", WebsiteId: site.Id), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InputException>(() => database.Subscriptions(db).AddAsync(new SubscriptionInput(Platform.Discord, "42", WebsiteId: site.Id), CancellationToken.None));

        Assert.Equal("channel", error.Field);
        Assert.Equal(1, database.Count("subscriptions"));
    }

    // A platform that is not one is refused before the service (Validate.Platform, pinned in ValidateTests).
    [Theory]
    [InlineData(Platform.Discord, "", null, null, null, "channel")]
    [InlineData(Platform.Discord, "1", "restock,sales", null, null, "events")]
    [InlineData(Platform.Discord, "1", null, 99, null, "website_id")]
    [InlineData(Platform.Discord, "1", null, null, 99, "monitor_id")]
    public async Task AddAsync_BadInput_NamesTheField(Platform platform, string channel, string? events, int? websiteId, int? monitorId, string field)
    {
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InputException>(() =>
            database.Subscriptions(db).AddAsync(new SubscriptionInput(platform, channel, websiteId, monitorId, events), CancellationToken.None));

        Assert.Equal(field, error.Field);
        Assert.Equal(0, database.Count("subscriptions"));
    }

    // The Discord rules themselves are pinned in StockBot.Discord.Tests (DiscordChatPlatformTests).
    [Theory]
    [InlineData(Platform.Discord, "<ROLE-7>", "7")]
    [InlineData(Platform.Telegram, "@oncall", "@oncall")]
    public async Task AddAsync_PlatformOfTheChannel_NormalizesTheMention(Platform platform, string mention, string stored)
    {
        await using var db = database.NewContext();
        var service = new SubscriptionService(db, database.Time, [new BracketRolePlatform()]);

        var created = await service.AddAsync(new SubscriptionInput(platform, "42", Mention: mention), CancellationToken.None);

        Assert.Equal(stored, created.Mention);
    }

    [Theory]
    [InlineData("@everyone")]
    [InlineData("oncall")]
    public async Task AddAsync_MentionThePlatformRefuses_WritesNothing(string mention)
    {
        await using var db = database.NewContext();
        var service = new SubscriptionService(db, database.Time, [new BracketRolePlatform()]);

        var error = await Assert.ThrowsAsync<InputException>(() => service.AddAsync(new SubscriptionInput(Platform.Discord, "42", Mention: mention), CancellationToken.None));

        Assert.Equal("mention", error.Field);
        Assert.Equal(0, database.Count("subscriptions"));
    }

    /// <summary>A platform whose mentions are "&lt;ROLE-id&gt;", stored as the id.</summary>
    private sealed class BracketRolePlatform : Core.Commands.IChatPlatform
    {
        public Platform Platform => Platform.Discord;

        public int MaxLookupChoices => 5;

        public int MaxChoiceNameLength => 20;

        public string NormalizeMention(string mention) =>
            mention.StartsWith("<ROLE-", StringComparison.Ordinal) && mention.EndsWith('>') ? mention[6..^1] : throw new InputException("mention", "must be <ROLE-id>");
    }

    [Fact]
    public async Task GetStatusSummaryAsync_WithRecords_ReportsLatestQuantityAndLastChange()
    {
        var site = await database.AddWebsiteAsync();
        var monitor = await database.AddMonitorAsync(site.Id, low: 5);
        var t0 = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
        await using (var db = database.NewContext())
        {
            db.StockRecords.AddRange(
                new StockRecord { MonitorConfigId = monitor.Id, Quantity = 8, ChangeType = ChangeType.Initial, StockControlEnabled = true, Available = true, CreatedAt = t0 },
                new StockRecord { MonitorConfigId = monitor.Id, Quantity = 3, Delta = -5, ChangeType = ChangeType.Purchase, StockControlEnabled = true, Available = true, ThresholdBreached = true, ThresholdType = ThresholdType.Low, CreatedAt = t0.AddMinutes(10) },
                new StockRecord { MonitorConfigId = monitor.Id, Quantity = 3, ChangeType = ChangeType.Unchanged, StockControlEnabled = true, Available = true, ThresholdBreached = true, ThresholdType = ThresholdType.Low, CreatedAt = t0.AddMinutes(90) });
            var entity = await db.MonitorConfigs.FindAsync(monitor.Id);
            entity!.LastCheckedAt = t0.AddMinutes(95);
            await db.SaveChangesAsync();
        }

        await using var read = database.NewContext();
        var summary = await database.Status(read).GetStatusSummaryAsync(monitor.Id, CancellationToken.None);

        Assert.Equal(3, summary.CurrentQuantity);
        Assert.True(summary.Available);
        Assert.Equal("low", summary.ThresholdBreached);
        Assert.Equal(t0.AddMinutes(10), summary.LastChangeAt);
        Assert.Equal(t0.AddMinutes(95), summary.LastCheckedAt);
        Assert.Equal("3 in stock, last sale 2 hours ago", StatusText.Stock(summary, t0.AddMinutes(130)));
    }

    [Fact]
    public async Task GetStockHistoryAsync_Limit_ReturnsNewestFirst()
    {
        var site = await database.AddWebsiteAsync();
        var monitor = await database.AddMonitorAsync(site.Id);
        var t0 = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
        await using (var db = database.NewContext())
        {
            for (var i = 0; i < 5; i++)
            {
                db.StockRecords.Add(new StockRecord { MonitorConfigId = monitor.Id, Quantity = i, CreatedAt = t0.AddMinutes(i) });
            }

            await db.SaveChangesAsync();
        }

        await using var read = database.NewContext();
        var history = await database.Status(read).GetStockHistoryAsync(monitor.Id, 3, CancellationToken.None);

        Assert.Equal([4, 3, 2], history.Select(r => r.Quantity));
        await Assert.ThrowsAsync<InputException>(() => database.Status(read).GetStockHistoryAsync(monitor.Id, 0, CancellationToken.None));
    }
}
