using Microsoft.EntityFrameworkCore;
using StockBot.Core.Websites;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Services;

public sealed class WebsiteServiceTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task CreateAsync_ValidInput_StoresSecretEncryptedAndShowsItMasked()
    {
        var view = await database.AddWebsiteAsync(secret: "very-secret-s-91");

        Assert.Equal("****s-91", view.ApiSecret);
        Assert.Equal("https://billing.example.com", view.WebsiteUrl);
        var stored = database.Text("SELECT api_secret FROM websites")!;
        Assert.DoesNotContain("very-secret", stored, StringComparison.Ordinal);
        Assert.Equal("very-secret-s-91", database.Protector.Unprotect(stored));
    }

    [Theory]
    [InlineData("", "https://a.example", "I", "S", "name")]
    [InlineData("A", "ftp://a.example", "I", "S", "website_url")]
    [InlineData("A", "not a url", "I", "S", "website_url")]
    [InlineData("A", "https://a.example", " ", "S", "api_identifier")]
    [InlineData("A", "https://a.example", "I", "", "api_secret")]
    public async Task CreateAsync_BadInput_NamesTheFieldAndWritesNothing(string name, string url, string identifier, string secret, string field)
    {
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InputException>(() =>
            database.Websites(db).CreateAsync(new WebsiteInput(name, url, identifier, secret), CancellationToken.None));

        Assert.Equal(field, error.Field);
        Assert.Equal(0, database.Count("websites"));
    }

    [Fact]
    public async Task CreateAsync_NameOverColumnSize_IsRefused()
    {
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InputException>(() =>
            database.Websites(db).CreateAsync(new WebsiteInput(new string('x', 256), "https://a.example", "I", "S"), CancellationToken.None));

        Assert.Contains("255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_DuplicateName_IsRefused()
    {
        await database.AddWebsiteAsync("Shop");
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InputException>(() => database.Websites(db).CreateAsync(new WebsiteInput("Shop", "https://b.example", "I", "S"), CancellationToken.None));

        Assert.Equal("name", error.Field);
        Assert.Equal(1, database.Count("websites"));
    }

    [Fact]
    public async Task UpdateAsync_NewSecretAndRegion_ChangesOnlyThoseAndTouchesUpdatedAt()
    {
        var site = await database.AddWebsiteAsync();
        database.Time.Advance(TimeSpan.FromMinutes(5));
        await using var db = database.NewContext();

        var updated = await database.Websites(db).UpdateAsync(site.Id, new WebsiteUpdate(ApiSecret: "another-secret-0042", Region: "EU-West"), CancellationToken.None);

        Assert.Equal("****0042", updated.ApiSecret);
        Assert.Equal("EU-West", updated.Region);
        Assert.Equal(site.Name, updated.Name);
        Assert.Equal(site.CreatedAt.AddMinutes(5), updated.UpdatedAt);
    }

    [Fact]
    public async Task SetActiveAsync_Disable_MarksWebsiteInactive()
    {
        var site = await database.AddWebsiteAsync();
        await using var db = database.NewContext();

        var disabled = await database.Websites(db).SetActiveAsync(site.Id, false, CancellationToken.None);

        Assert.False(disabled.IsActive);
        Assert.False((await db.Websites.AsNoTracking().SingleAsync()).IsActive);
    }

    [Fact]
    public async Task RemoveAsync_WithMonitorsWithoutForce_IsRefusedAndKeepsEverything()
    {
        var site = await database.AddWebsiteAsync();
        await database.AddMonitorAsync(site.Id);
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InputException>(() => database.Websites(db).RemoveAsync(site.Id, force: false, CancellationToken.None));

        Assert.Equal("force", error.Field);
        Assert.Equal(1, database.Count("websites"));
        Assert.Equal(1, database.Count("monitor_configs"));
    }

    [Fact]
    public async Task RemoveAsync_WithForce_RemovesMonitorsHistoryAndSubscriptions()
    {
        var site = await database.AddWebsiteAsync();
        var monitor = await database.AddMonitorAsync(site.Id);
        await using (var db = database.NewContext())
        {
            db.StockRecords.Add(new StockRecord { MonitorConfigId = monitor.Id, Quantity = 1, CreatedAt = DateTime.UtcNow });
            var history = new MonitorHistory { MonitorConfigId = monitor.Id, EventType = MonitorEventType.StockIncreased, ToQuantity = 1, CreatedAt = DateTime.UtcNow };
            db.MonitorHistories.Add(history);
            var subscription = new Subscription { Platform = Platform.Telegram, ChannelId = "1", WebsiteId = site.Id, EventKinds = "restock", CreatedAt = DateTime.UtcNow };
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            db.AlertDeliveries.Add(new AlertDelivery { MonitorHistoryId = history.Id, SubscriptionId = subscription.Id, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using var remove = database.NewContext();
        var result = await database.Websites(remove).RemoveAsync(site.Id, force: true, CancellationToken.None);

        Assert.Equal((1, 1, 1), (result.MonitorsRemoved, result.StockRecordsRemoved, result.EventsRemoved));
        foreach (var table in new[] { "websites", "monitor_configs", "stock_records", "monitor_histories", "subscriptions", "alert_deliveries" })
        {
            Assert.Equal(0, database.Count(table));
        }
    }

    [Fact]
    public async Task GetAsync_UnknownId_NamesTheId()
    {
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InputException>(() => database.Websites(db).GetAsync(42, CancellationToken.None));

        Assert.Equal("website_id: no website with id 42", error.Message);
    }
}
