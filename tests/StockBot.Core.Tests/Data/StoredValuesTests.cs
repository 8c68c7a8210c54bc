using Microsoft.EntityFrameworkCore;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Data;

/// <summary>The enums reach the database as the specification's strings, and those strings read back as the enums.</summary>
public sealed class StoredValuesTests
{
    [Fact]
    public async Task SaveChanges_Enums_AreStoredAsTheSpecificationsStrings()
    {
        using var database = new TestDatabase();
        var site = await database.AddWebsiteAsync();
        var monitor = await database.AddMonitorAsync(site.Id);
        var now = database.Time.GetUtcNow().UtcDateTime;
        await using (var db = database.NewContext())
        {
            var config = await db.MonitorConfigs.SingleAsync(m => m.Id == monitor.Id);
            config.Status = MonitorStatus.Paused;
            db.StockRecords.Add(new StockRecord { MonitorConfigId = monitor.Id, ChangeType = ChangeType.Unchanged, ThresholdType = ThresholdType.High, CreatedAt = now });
            var history = new MonitorHistory { MonitorConfigId = monitor.Id, EventType = MonitorEventType.ThresholdBreachHigh, ChangeType = ChangeType.Restock, ThresholdType = ThresholdType.Low, CreatedAt = now };
            var subscription = new Subscription { Platform = Platform.Console, ChannelId = "c", EventKinds = "error", CreatedAt = now };
            db.AlertDeliveries.Add(new AlertDelivery { MonitorHistory = history, Subscription = subscription, Status = DeliveryStatus.Expired, CreatedAt = now });
            await db.SaveChangesAsync();
        }

        Assert.Equal("paused", database.Text("SELECT status FROM monitor_configs"));
        Assert.Equal("unchanged|high", database.Text("SELECT change_type || '|' || threshold_type FROM stock_records"));
        Assert.Equal("threshold_breach_high|restock|low", database.Text("SELECT event_type || '|' || change_type || '|' || threshold_type FROM monitor_histories"));
        Assert.Equal("expired", database.Text("SELECT status FROM alert_deliveries"));
        Assert.Equal("console", database.Text("SELECT platform FROM subscriptions"));
    }

    [Theory]
    [InlineData(Platform.Discord, "discord")]
    [InlineData(Platform.Telegram, "telegram")]
    [InlineData(Platform.Console, "console")]
    public async Task SaveChanges_Platform_IsStoredAsTheSpecificationsStringAndReadsBack(Platform platform, string stored)
    {
        using var database = new TestDatabase();
        await using (var db = database.NewContext())
        {
            db.Subscriptions.Add(new Subscription { Platform = platform, ChannelId = "c", EventKinds = "restock", CreatedAt = database.Time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }

        Assert.Equal(stored, database.Text("SELECT platform FROM subscriptions"));
        await using var read = database.NewContext();
        Assert.Equal(platform, await read.Subscriptions.Select(s => s.Platform).SingleAsync());
        Assert.Equal(1, await read.Subscriptions.CountAsync(s => s.Platform == platform));
    }

    [Fact]
    public async Task Query_UnknownStoredPlatform_ThrowsInsteadOfGuessing()
    {
        using var database = new TestDatabase();
        Execute(database, """
            INSERT INTO subscriptions (platform, channel_id, event_kinds, is_active, created_at)
            VALUES ('slack', 'c', 'restock', 1, '2026-11-25 12:00:00');
            """);

        await using var db = database.NewContext();
        var error = await Record.ExceptionAsync(() => db.Subscriptions.Select(s => s.Platform).ToListAsync());

        Assert.NotNull(error);
        Assert.IsType<ArgumentOutOfRangeException>(error.GetBaseException());
        Assert.Throws<ArgumentOutOfRangeException>(() => DbValues.ToPlatform("Telegram"));
    }

    [Fact]
    public async Task Query_SpecificationsStrings_ReadBackAsEnums()
    {
        using var database = new TestDatabase();
        var site = await database.AddWebsiteAsync();
        var monitor = await database.AddMonitorAsync(site.Id);
        Execute(database, $"""
            UPDATE monitor_configs SET status = 'error';
            INSERT INTO stock_records (monitor_config_id, quantity, delta, stock_control_enabled, available, change_type, threshold_breached, threshold_type, created_at)
            VALUES ({monitor.Id}, 1, 0, 1, 1, 'purchase', 1, 'low', '2026-11-25 12:00:00');
            INSERT INTO stock_records (monitor_config_id, quantity, delta, stock_control_enabled, available, change_type, threshold_breached, threshold_type, created_at)
            VALUES ({monitor.Id}, 1, 0, 1, 1, NULL, 0, NULL, '2026-11-25 12:01:00');
            """);

        await using var db = database.NewContext();
        Assert.Equal(MonitorStatus.Error, await db.MonitorConfigs.Select(m => m.Status).SingleAsync());
        var records = await db.StockRecords.OrderBy(r => r.Id).Select(r => new { r.ChangeType, r.ThresholdType }).ToListAsync();
        Assert.Equal((ChangeType.Purchase, ThresholdType.Low), (records[0].ChangeType, records[0].ThresholdType));
        Assert.Equal(((ChangeType?)null, (ThresholdType?)null), (records[1].ChangeType, records[1].ThresholdType));
        Assert.Equal(1, await db.StockRecords.CountAsync(r => r.ChangeType == ChangeType.Purchase));
    }

    private static void Execute(TestDatabase database, string sql)
    {
        using var command = database.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
