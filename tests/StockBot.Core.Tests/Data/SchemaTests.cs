using Microsoft.EntityFrameworkCore;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Data;

public sealed class SchemaTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public void Model_ComparedWithMigrations_HasNoPendingChanges()
    {
        using var db = database.NewContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run `dotnet ef migrations add`.");
    }

    [Theory]
    [InlineData("websites", "id,name,website_url,api_identifier,api_secret,region,is_active,created_at,updated_at")]
    [InlineData("monitor_configs", "id,website_id,product_id,product_name,is_active,status,threshold_low,threshold_high,notify_on_restock,notify_on_purchase,notify_on_threshold,purchase_link,created_at,updated_at,last_checked_at")]
    [InlineData("stock_records", "id,monitor_config_id,quantity,delta,stock_control_enabled,available,change_type,threshold_breached,threshold_type,metadata_json,created_at")]
    [InlineData("monitor_histories", "id,monitor_config_id,event_type,from_quantity,to_quantity,delta,change_type,threshold_breached,threshold_type,threshold_value,message,metadata_json,created_at")]
    [InlineData("subscriptions", "id,platform,channel_id,website_id,monitor_config_id,event_kinds,mention,is_active,created_by,created_at")]
    [InlineData("alert_deliveries", "id,monitor_history_id,subscription_id,status,attempts,next_attempt_at,last_error,external_message_id,created_at,sent_at")]
    public void Migration_CreatesTable_WithTheSpecifiedColumns(string table, string columns)
    {
        var actual = Query($"SELECT name FROM pragma_table_info('{table}')");

        foreach (var column in columns.Split(','))
        {
            Assert.Contains(column, actual);
        }
    }

    [Theory]
    [InlineData("ix_websites_name", "websites", "name")]
    [InlineData("ix_websites_is_active", "websites", "is_active")]
    [InlineData("ix_monitor_configs_website_id", "monitor_configs", "website_id")]
    [InlineData("ix_monitor_configs_product_id", "monitor_configs", "product_id")]
    [InlineData("idx_stock_records_monitor_created", "stock_records", "monitor_config_id,created_at")]
    [InlineData("idx_monitor_histories_config_created", "monitor_histories", "monitor_config_id,created_at")]
    [InlineData("idx_monitor_histories_event_type", "monitor_histories", "event_type,created_at")]
    [InlineData("uq_monitor_configs_website_product", "monitor_configs", "website_id,product_id")]
    public void Migration_CreatesNamedIndex_OnTheSpecifiedColumns(string index, string table, string columns)
    {
        Assert.Equal(table, Query($"SELECT tbl_name FROM sqlite_master WHERE type='index' AND name='{index}'").Single());
        Assert.Equal(columns, string.Join(',', Query($"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno")));
    }

    [Fact]
    public void UniqueIndex_SecondMonitorOfSameProduct_IsRejectedByTheDatabase()
    {
        Assert.Equal("1", Query("SELECT \"unique\" FROM pragma_index_list('monitor_configs') WHERE name='uq_monitor_configs_website_product'").Single());
    }

    [Fact]
    public async Task Timestamps_SavedAsUtc_ReadBackAsUtcWithTheSameInstant()
    {
        var site = await database.AddWebsiteAsync();
        var when = new DateTime(2026, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc);
        await using (var db = database.NewContext())
        {
            var monitor = await database.AddMonitorAsync(site.Id);
            db.StockRecords.Add(new StockRecord { MonitorConfigId = monitor.Id, Quantity = 3, CreatedAt = when });
            await db.SaveChangesAsync();
        }

        await using var read = database.NewContext();
        var record = await read.StockRecords.SingleAsync();
        Assert.Equal(DateTimeKind.Utc, record.CreatedAt.Kind);
        Assert.Equal(when, record.CreatedAt);
    }

    private List<string> Query(string sql)
    {
        using var command = database.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
