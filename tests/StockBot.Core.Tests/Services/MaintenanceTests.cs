using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Maintenance;
using StockBot.Core.Tests.Support;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Services;

public sealed class MaintenanceTests : IAsyncLifetime
{
    private EngineHarness engine = null!;

    public async Task InitializeAsync() => engine = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task BackupAsync_WhileCyclesWrite_GivesACopyThatPassesIntegrityCheck()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        for (var pid = 1; pid <= 30; pid++)
        {
            store.AddProduct(pid, $"P{pid}", 50);
        }

        var site = await engine.AddWebsiteAsync(store, "Shop");
        for (var pid = 1; pid <= 30; pid++)
        {
            await engine.AddMonitorAsync(site, pid);
        }

        using var backups = new TempFolder("stockbot-backup-");
        var target = backups.File("backup.db");
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var random = new Random(1);
            while (!stop.IsCancellationRequested)
            {
                engine.Simulator.MoveStock(0.5, random);
                await engine.RunCycleAsync();
            }
        });
        try
        {
            await Task.Delay(300);
            BackupResult result;
            await using (var scope = engine.Services.CreateAsyncScope())
            {
                result = await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().BackupAsync(target, overwrite: false, CancellationToken.None);
            }

            await stop.CancelAsync();
            await writer;

            Assert.Equal("ok", result.IntegrityCheck);
            Assert.Equal("ok", await DatabaseMaintenance.IntegrityCheckAsync(target, CancellationToken.None));
            Assert.Equal(30L, new SqliteProbe(target).Count("monitor_configs"));
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    [Fact]
    public async Task BackupAsync_ExistingFileWithoutOverwrite_IsRefused()
    {
        using var backups = new TempFolder("stockbot-backup-");
        var target = backups.File("existing.db");
        await File.WriteAllBytesAsync(target, []);
        await using var scope = engine.Services.CreateAsyncScope();

        var error = await Assert.ThrowsAsync<InputException>(() => scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().BackupAsync(target, false, CancellationToken.None));

        Assert.Equal("file", error.Field);
    }

    [Fact]
    public async Task ApplyRetentionAsync_OldUnchangedSamples_AreThinnedToOnePerDayAndChangesKept()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(1, "P", 5);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        var monitor = await engine.AddMonitorAsync(site, 1);
        var now = engine.Clock.GetUtcNow().UtcDateTime;
        await engine.QueryAsync(async db =>
        {
            var old = now.AddDays(-100).Date;
            for (var hour = 0; hour < 24; hour++)
            {
                db.StockRecords.Add(new StockRecord { MonitorConfigId = monitor, Quantity = 5, ChangeType = ChangeType.Unchanged, CreatedAt = old.AddHours(hour) });
            }

            db.StockRecords.Add(new StockRecord { MonitorConfigId = monitor, Quantity = 4, Delta = -1, ChangeType = ChangeType.Purchase, CreatedAt = old.AddHours(5).AddMinutes(1) });
            db.StockRecords.Add(new StockRecord { MonitorConfigId = monitor, Quantity = 4, ChangeType = ChangeType.Unchanged, CreatedAt = now.AddDays(-1) });
            var subscription = new Subscription { Platform = Platform.Console, ChannelId = "x", EventKinds = "restock", CreatedAt = now };
            var history = new MonitorHistory { MonitorConfigId = monitor, EventType = MonitorEventType.StockIncreased, ToQuantity = 1, CreatedAt = now };
            db.AlertDeliveries.AddRange(
                new AlertDelivery { MonitorHistory = history, Subscription = subscription, Status = DeliveryStatus.Sent, CreatedAt = now.AddDays(-31) },
                new AlertDelivery { MonitorHistory = history, Subscription = subscription, Status = DeliveryStatus.Pending, CreatedAt = now.AddDays(-31) },
                new AlertDelivery { MonitorHistory = history, Subscription = subscription, Status = DeliveryStatus.Sent, CreatedAt = now.AddDays(-2) });
            return await db.SaveChangesAsync();
        });

        RetentionResult result;
        await using (var scope = engine.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().ApplyRetentionAsync(CancellationToken.None);
        }

        Assert.Equal((23, 1), (result.UnchangedRecordsThinned, result.DeliveredAlertsDeleted));
        Assert.Equal(1, await engine.QueryAsync(db => db.StockRecords.CountAsync(r => r.ChangeType == ChangeType.Purchase)));
        Assert.Equal(2, await engine.QueryAsync(db => db.StockRecords.CountAsync(r => r.ChangeType == ChangeType.Unchanged)));
        Assert.Equal(2, await engine.CountAsync<AlertDelivery>());
    }

    [Fact]
    public async Task StatsAsync_CountsRowsAndFileSize()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(1, "P", 5);
        await engine.AddMonitorAsync(await engine.AddWebsiteAsync(store, "Shop"), 1);

        await using var scope = engine.Services.CreateAsyncScope();
        var stats = await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().StatsAsync(CancellationToken.None);

        Assert.Equal(engine.DatabasePath, stats.File);
        Assert.True(stats.FileBytes > 0);
        Assert.Equal(1, stats.Tables.Single(t => t.Table == "monitor_configs").Rows);
    }
}
