using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StockBot.Core.Monitors;
using StockBot.Core.Security;
using StockBot.Core.Status;
using StockBot.Core.Subscriptions;
using StockBot.Core.Websites;
using StockBot.Data;

namespace StockBot.Testing;

/// <summary>A migrated SQLite :memory: database that lives as long as its open connection.</summary>
public sealed class TestDatabase : IDisposable
{
    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public TestDatabase()
    {
        Connection = new SqliteConnection("Data Source=:memory:");
        Connection.Open();
        using var db = NewContext();
        db.Database.Migrate();
    }

    public SqliteConnection Connection { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public SecretProtector Protector { get; } = new(Key);

    public StockBotDbContext NewContext() =>
        new(new DbContextOptionsBuilder<StockBotDbContext>().UseStockBotSqlite(Connection).Options);

    public WebsiteService Websites(StockBotDbContext db) => new(db, Protector, Time);

    public MonitorService Monitors(StockBotDbContext db) => new(db, Time);

    public SubscriptionService Subscriptions(StockBotDbContext db) => new(db, Time);

    public StatusService Status(StockBotDbContext db) => new(db, Time);

    public async Task<WebsiteView> AddWebsiteAsync(string name = "Main Site", string secret = "s3cret-value-91")
    {
        await using var db = NewContext();
        return await Websites(db).CreateAsync(new WebsiteInput(name, "https://billing.example.com/", "IDENT", secret, "US-East"), CancellationToken.None);
    }

    public async Task<MonitorView> AddMonitorAsync(int websiteId, int productId = 101, int? low = null, int? high = null)
    {
        await using var db = NewContext();
        return await Monitors(db).CreateAsync(new MonitorInput(websiteId, productId, $"Product {productId}", low, high), CancellationToken.None);
    }

    public long Count(string table) => (long)Read($"SELECT COUNT(*) FROM {table}")!;

    /// <summary>The first column of the first row when it is text, as stored (null when there is none or it is not text).</summary>
    public string? Text(string sql) => Read(sql) as string;

    public void Dispose() => Connection.Dispose();

    private object? Read(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
