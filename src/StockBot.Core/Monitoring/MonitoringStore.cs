using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Data.Providers;

namespace StockBot.Core.Monitoring;

/// <summary>
/// The engine's hot SQL for one cycle, on one connection: plain ADO.NET commands on a <c>StockBotDbContext</c>'s
/// connection and inside its EF Core transactions, prepared once per cycle and reused for every website. The change
/// tracker and query pipeline cost more CPU per row than SQLite itself; and since every write of the engine goes
/// through this one connection (websites take turns on the engine's write gate), its page cache stays valid from
/// one website to the next instead of being reloaded on each of 32 pooled connections. Values are bound as
/// EF Core binds them (DateTime as UTC: text on SQLite, timestamptz on PostgreSQL; bool as 0/1 or boolean), so the rows
/// read back through EF Core as before. The SQL is one text for both engines (@name parameters, RETURNING, ON CONFLICT);
/// what differs (the id list) comes from <see cref="DatabaseDialect"/>. On a database server (a provider with ADO.NET
/// batches) a website's write is two round trips instead of one per row: its events in one batch (their ids come back),
/// everything else in a second; in-process SQLite has no round trips to save and runs each statement as it comes.
/// </summary>
internal sealed class MonitoringStore : IAsyncDisposable
{
    // One index seek per monitor (newest by created_at, id), however long its history is; and when it was last checked.
    private const string LastRecordsSql = """
        SELECT m.id, r.quantity, r.stock_control_enabled, r.threshold_breached, r.threshold_type, r.created_at, m.last_checked_at
        FROM monitor_configs m
        LEFT JOIN stock_records r ON r.id = (
            SELECT s.id FROM stock_records s WHERE s.monitor_config_id = m.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1)
        WHERE m.website_id = @website
        """;

    private const string InsertStockRecordSql = """
        INSERT INTO stock_records (monitor_config_id, quantity, delta, stock_control_enabled, available, change_type, threshold_breached, threshold_type, metadata_json, created_at)
        VALUES (@monitor, @quantity, @delta, @stock_control, @available, @change_type, @breached, @threshold_type, NULL, @created_at)
        """;

    private const string InsertHistorySql = """
        INSERT INTO monitor_histories (monitor_config_id, website_product_id, event_type, from_quantity, to_quantity, delta, change_type, threshold_breached, threshold_type, threshold_value, message, metadata_json, created_at)
        VALUES (@monitor, @website_product, @event_type, @from, @to, @delta, @change_type, @breached, @threshold_type, @threshold_value, @message, @metadata, @created_at)
        RETURNING id
        """;

    private const string InsertDeliverySql = """
        INSERT INTO alert_deliveries (monitor_history_id, subscription_id, status, attempts, next_attempt_at, last_error, external_message_id, created_at, sent_at)
        VALUES (@history, @subscription, @status, 0, @next_attempt_at, NULL, NULL, @created_at, NULL)
        """;

    // All of a website's merely-checked monitors in one statement: the ids arrive as one value (the dialect's id list:
    // a JSON array on SQLite, an array on PostgreSQL), so the statement stays prepared whatever their number.
    private const string UpdateCheckedSqlStart = "UPDATE monitor_configs SET last_checked_at = @now WHERE ";

    // A pause that landed during the read wins over the state this check computed (is_active in the WHERE).
    private const string UpdateStateSql = """
        UPDATE monitor_configs
        SET status = @status, consecutive_failures = @failures, last_error = @last_error,
            last_checked_at = CASE WHEN @checked THEN @now ELSE last_checked_at END,
            product_name = COALESCE(@product_name, product_name),
            last_price = COALESCE(@last_price, last_price)
        WHERE id = @id AND is_active
        """;

    // Monitoring:ConfirmReads: the restock a monitor waits to confirm (see RestockConfirmation).
    private const string UpdateRestockSql = """
        UPDATE monitor_configs SET restock_pending_history_id = @history, restock_confirm_reads = @reads WHERE id = @id
        """;

    // Several instances (WebsiteLeases): the read is in, recorded in the same transaction as what it found.
    private const string ReleaseLeaseSql = """
        UPDATE website_leases SET leased_until = NULL, last_read_at = @read_at WHERE website_id = @website AND instance = @instance
        """;

    /// <summary>Every statement this store runs on <paramref name="dialect"/>'s engine, for the test that holds their columns to the EF Core model.</summary>
    internal static IReadOnlyList<string> Statements(DatabaseDialect dialect) =>
        [LastRecordsSql, InsertStockRecordSql, InsertHistorySql, InsertDeliverySql, UpdateCheckedSql(dialect), UpdateStateSql, UpdateRestockSql, ReleaseLeaseSql, .. CatalogueStore.Statements];

    private readonly AsyncServiceScope scope;
    private readonly StockBotDbContext db;
    private readonly DatabaseDialect dialect;
    private readonly DbConnection connection;
    private readonly List<DbCommand> commands = [];
    private readonly DbCommand lastRecords, insertRecord, insertHistory, insertDelivery, updateChecked, updateState, updateRestock, releaseLease;
    private readonly DbParameter pLastWebsite;
    private readonly DbParameter pRecMonitor, pRecQuantity, pRecDelta, pRecStockControl, pRecAvailable, pRecChangeType, pRecBreached, pRecThresholdType, pRecCreatedAt;
    private readonly DbParameter pHisMonitor, pHisWebsiteProduct, pHisEventType, pHisFrom, pHisTo, pHisDelta, pHisChangeType, pHisBreached, pHisThresholdType, pHisThresholdValue, pHisMessage, pHisMetadata, pHisCreatedAt;
    private readonly DbParameter pDelHistory, pDelSubscription, pDelNextAttemptAt, pDelCreatedAt;
    private readonly DbParameter pChkNow, pChkIds;
    private readonly DbParameter pResHistory, pResReads, pResId;
    private readonly DbParameter pStaStatus, pStaFailures, pStaLastError, pStaChecked, pStaNow, pStaProductName, pStaPrice, pStaId;
    private readonly DbParameter pLeaReadAt, pLeaWebsite, pLeaInstance;
    private readonly bool batches;
    private DbTransaction? transaction;
    private DbBatch? pending;

    private MonitoringStore(AsyncServiceScope scope, StockBotDbContext db, DatabaseDialect dialect)
    {
        this.scope = scope;
        this.db = db;
        this.dialect = dialect;
        connection = db.Database.GetDbConnection();
        batches = connection.CanCreateBatch;

        lastRecords = Create(LastRecordsSql);
        pLastWebsite = Add(lastRecords, "@website");

        insertRecord = Create(InsertStockRecordSql);
        pRecMonitor = Add(insertRecord, "@monitor");
        pRecQuantity = Add(insertRecord, "@quantity");
        pRecDelta = Add(insertRecord, "@delta");
        pRecStockControl = Add(insertRecord, "@stock_control");
        pRecAvailable = Add(insertRecord, "@available");
        pRecChangeType = Add(insertRecord, "@change_type");
        pRecBreached = Add(insertRecord, "@breached");
        pRecThresholdType = Add(insertRecord, "@threshold_type");
        pRecCreatedAt = Add(insertRecord, "@created_at");

        insertHistory = Create(InsertHistorySql);
        pHisMonitor = Add(insertHistory, "@monitor");
        pHisWebsiteProduct = Add(insertHistory, "@website_product");
        pHisEventType = Add(insertHistory, "@event_type");
        pHisFrom = Add(insertHistory, "@from");
        pHisTo = Add(insertHistory, "@to");
        pHisDelta = Add(insertHistory, "@delta");
        pHisChangeType = Add(insertHistory, "@change_type");
        pHisBreached = Add(insertHistory, "@breached");
        pHisThresholdType = Add(insertHistory, "@threshold_type");
        pHisThresholdValue = Add(insertHistory, "@threshold_value");
        pHisMessage = Add(insertHistory, "@message");
        pHisMetadata = Add(insertHistory, "@metadata");
        pHisCreatedAt = Add(insertHistory, "@created_at");

        insertDelivery = Create(InsertDeliverySql);
        pDelHistory = Add(insertDelivery, "@history");
        pDelSubscription = Add(insertDelivery, "@subscription");
        Add(insertDelivery, "@status").Value = DeliveryStatus.Pending.ToDb();
        pDelNextAttemptAt = Add(insertDelivery, "@next_attempt_at");
        pDelCreatedAt = Add(insertDelivery, "@created_at");

        updateChecked = Create(UpdateCheckedSql(dialect));
        pChkNow = Add(updateChecked, "@now");
        pChkIds = Add(updateChecked, "@ids");

        updateState = Create(UpdateStateSql);
        pStaStatus = Add(updateState, "@status");
        pStaFailures = Add(updateState, "@failures");
        pStaLastError = Add(updateState, "@last_error");
        pStaChecked = Add(updateState, "@checked");
        pStaNow = Add(updateState, "@now");
        pStaProductName = Add(updateState, "@product_name");
        pStaPrice = Add(updateState, "@last_price");
        pStaId = Add(updateState, "@id");
        updateRestock = Create(UpdateRestockSql);
        pResHistory = Add(updateRestock, "@history");
        pResReads = Add(updateRestock, "@reads");
        pResId = Add(updateRestock, "@id");
        releaseLease = Create(ReleaseLeaseSql);
        pLeaReadAt = Add(releaseLease, "@read_at");
        pLeaWebsite = Add(releaseLease, "@website");
        pLeaInstance = Add(releaseLease, "@instance");
        Catalogue = new CatalogueStore(this);
    }

    /// <summary>The website catalogue's statements, on this connection and in the same transactions.</summary>
    public CatalogueStore Catalogue { get; }

    /// <summary>A pooled context of its own, its connection opened for the whole cycle.</summary>
    public static async Task<MonitoringStore> OpenAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
            await db.Database.OpenConnectionAsync(cancellationToken);
            return new MonitoringStore(scope, db, scope.ServiceProvider.GetRequiredService<DatabaseDialect>());
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>One website's transaction; every command of this store runs inside it until it ends.</summary>
    public async Task<IDbContextTransaction> BeginAsync()
    {
        var begun = await db.Database.BeginTransactionAsync(CancellationToken.None);
        transaction = begun.GetDbTransaction();
        foreach (var command in commands)
        {
            command.Transaction = transaction;
        }

        return begun;
    }

    /// <summary>
    /// The newest stock record of each monitor of the website (one index seek per monitor), and in
    /// <paramref name="stale"/> the monitors that another read, started after <paramref name="readStarted"/>,
    /// has already recorded or checked: this read is older than what the database knows of them.
    /// </summary>
    public Dictionary<int, LastStockRecord> LoadLastRecords(int websiteId, DateTime readStarted, HashSet<int> stale)
    {
        pLastWebsite.Value = websiteId;
        var records = new Dictionary<int, LastStockRecord>();
        using var reader = lastRecords.ExecuteReader(CommandBehavior.SingleResult);
        while (reader.Read())
        {
            var monitorId = reader.GetInt32(0);
            if (!reader.IsDBNull(6) && DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc) > readStarted)
            {
                stale.Add(monitorId);
            }

            if (reader.IsDBNull(1))
            {
                continue;
            }

            var breached = reader.GetBoolean(3);
            ThresholdType? thresholdType = reader.IsDBNull(4) ? null : DbValues.ToThresholdType(reader.GetString(4));
            var record = new LastStockRecord(
                reader.GetInt32(1),
                reader.GetBoolean(2),
                breached ? thresholdType : null,
                DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc));
            records[monitorId] = record;
            if (record.CreatedAt > readStarted)
            {
                stale.Add(monitorId);
            }
        }

        return records;
    }

    public void Write(WebsiteWrite write)
    {
        var now = write.Now;
        pRecCreatedAt.Value = now;
        foreach (var (monitorId, draft) in write.Records)
        {
            pRecMonitor.Value = monitorId;
            pRecQuantity.Value = draft.Quantity;
            pRecDelta.Value = draft.Delta;
            pRecStockControl.Value = draft.StockControlEnabled;
            pRecAvailable.Value = draft.Available;
            pRecChangeType.Value = draft.ChangeType.ToDb();
            pRecBreached.Value = draft.ThresholdType is not null;
            pRecThresholdType.Value = (object?)draft.ThresholdType.ToDb() ?? DBNull.Value;
            Run(insertRecord);
        }

        var historyIds = InsertHistories(write);
        pDelNextAttemptAt.Value = now;
        pDelCreatedAt.Value = now;
        foreach (var (historyIndex, subscriptionId) in write.Deliveries)
        {
            pDelHistory.Value = historyIds[historyIndex];
            pDelSubscription.Value = subscriptionId;
            Run(insertDelivery);
        }

        // A restock confirmed by this read alerts with its own (earlier) history row.
        foreach (var (historyId, subscriptionId) in write.ConfirmedDeliveries)
        {
            pDelHistory.Value = historyId;
            pDelSubscription.Value = subscriptionId;
            Run(insertDelivery);
        }

        foreach (var (monitorId, historyIndex, historyId, reads) in write.RestockStates)
        {
            pResHistory.Value = historyIndex is { } held ? historyIds[held] : historyId is { } kept ? kept : DBNull.Value;
            pResReads.Value = reads;
            pResId.Value = monitorId;
            Run(updateRestock);
        }

        if (write.CheckedOnly.Count > 0)
        {
            pChkNow.Value = now;
            pChkIds.Value = dialect.IdList(write.CheckedOnly);
            Run(updateChecked);
        }

        pStaNow.Value = now;
        foreach (var (monitorId, detection, name, price) in write.StateChanges)
        {
            pStaStatus.Value = detection.Status.ToDb();
            pStaFailures.Value = detection.ConsecutiveFailures;
            pStaLastError.Value = detection.LastError is null ? DBNull.Value : TextLimit.Clip(detection.LastError, 500);
            pStaChecked.Value = detection.Checked;
            pStaProductName.Value = (object?)name ?? DBNull.Value;
            pStaPrice.Value = (object?)price ?? DBNull.Value;
            pStaId.Value = monitorId;
            Run(updateState);
        }

        if (write.Lease is { } lease)
        {
            pLeaReadAt.Value = lease.ReadAt;
            pLeaWebsite.Value = lease.WebsiteId;
            pLeaInstance.Value = lease.Instance;
            Run(releaseLease);
        }

        if (pending is not null)
        {
            using var batch = pending;
            pending = null;
            batch.ExecuteNonQuery();
        }
    }

    /// <summary>The website's events, and their ids in <see cref="WebsiteWrite.Histories"/>' order (deliveries and held restocks point at them).</summary>
    private long[] InsertHistories(WebsiteWrite write)
    {
        var ids = new long[write.Histories.Count];
        if (ids.Length == 0)
        {
            return ids;
        }

        pHisCreatedAt.Value = write.Now;
        using var batch = batches ? NewBatch() : null;
        for (var i = 0; i < ids.Length; i++)
        {
            var (monitorId, e, metadataJson, websiteProductId) = write.Histories[i];
            pHisMonitor.Value = monitorId is { } monitor ? monitor : DBNull.Value;
            pHisWebsiteProduct.Value = websiteProductId is { } listed ? listed : DBNull.Value;
            pHisEventType.Value = e.EventType.ToDb();
            pHisFrom.Value = e.FromQuantity is { } from ? from : DBNull.Value;
            pHisTo.Value = e.ToQuantity;
            pHisDelta.Value = e.Delta;
            pHisChangeType.Value = (object?)e.ChangeType.ToDb() ?? DBNull.Value;
            pHisBreached.Value = e.ThresholdType is not null;
            pHisThresholdType.Value = (object?)e.ThresholdType.ToDb() ?? DBNull.Value;
            pHisThresholdValue.Value = e.ThresholdValue is { } value ? value : DBNull.Value;
            pHisMessage.Value = TextLimit.Clip(e.Message, 500);
            pHisMetadata.Value = (object?)metadataJson ?? DBNull.Value;
            if (batch is null)
            {
                ids[i] = Convert.ToInt64(insertHistory.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            else
            {
                batch.BatchCommands.Add(Copy(batch, insertHistory));
            }
        }

        if (batch is not null)
        {
            using var reader = batch.ExecuteReader();
            for (var i = 0; i < ids.Length; i++)
            {
                if (i > 0)
                {
                    reader.NextResult();
                }

                reader.Read();
                ids[i] = reader.GetInt64(0);
            }
        }

        return ids;
    }

    /// <summary>Runs <paramref name="command"/> as bound now, or (with batches) adds it to the website's batch, sent when the write ends.</summary>
    private void Run(DbCommand command)
    {
        if (!batches)
        {
            command.ExecuteNonQuery();
            return;
        }

        pending ??= NewBatch();
        pending.BatchCommands.Add(Copy(pending, command));
    }

    private DbBatch NewBatch()
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        return batch;
    }

    // The prepared command keeps its parameter objects for the next row; the batch needs this row's values.
    private static DbBatchCommand Copy(DbBatch batch, DbCommand command)
    {
        var copy = batch.CreateBatchCommand();
        copy.CommandText = command.CommandText;
        foreach (DbParameter parameter in command.Parameters)
        {
            var value = copy.CreateParameter();
            value.ParameterName = parameter.ParameterName;
            value.Value = parameter.Value;
            copy.Parameters.Add(value);
        }

        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in commands)
        {
            await command.DisposeAsync();
        }

        try
        {
            await db.Database.CloseConnectionAsync();
        }
        finally
        {
            await scope.DisposeAsync();
        }
    }

    private static string UpdateCheckedSql(DatabaseDialect dialect) => UpdateCheckedSqlStart + dialect.IdIn("id", "@ids");

    /// <summary>A command on this store's connection that runs inside each website's transaction (see <see cref="CatalogueStore"/>).</summary>
    internal DbCommand Prepare(string sql) => Create(sql);

    internal static DbParameter Parameter(DbCommand command, string name) => Add(command, name);

    private DbCommand Create(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        commands.Add(command);
        return command;
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

/// <summary>Everything one website's check writes, in one transaction.</summary>
internal sealed class WebsiteWrite(DateTime now)
{
    public DateTime Now { get; } = now;

    public List<(int MonitorId, StockRecordDraft Draft)> Records { get; } = [];

    /// <summary>Monitor events, and `product_new` events of the website's catalogue (no monitor, a website_products row).</summary>
    public List<(int? MonitorId, MonitorEventDraft Event, string? MetadataJson, int? WebsiteProductId)> Histories { get; } = [];

    /// <summary>Alert rows, in the order of <see cref="Histories"/> (HistoryIndex ascending).</summary>
    public List<(int HistoryIndex, int SubscriptionId)> Deliveries { get; } = [];

    public List<int> CheckedOnly { get; } = [];

    /// <summary>Alert rows of restocks confirmed now, on the restock's earlier history row.</summary>
    public List<(long HistoryId, int SubscriptionId)> ConfirmedDeliveries { get; } = [];

    /// <summary>Monitoring:ConfirmReads state per monitor: the held restock (an index in Histories, or a stored id; neither: none) and its reads.</summary>
    public List<(int MonitorId, int? HistoryIndex, long? HistoryId, int Reads)> RestockStates { get; } = [];

    public List<(int MonitorId, Detection Detection, string? ProductName, string? Price)> StateChanges { get; } = [];

    /// <summary>The website's lease (several instances), freed and marked read in this transaction; null: none held.</summary>
    public LeaseRelease? Lease { get; init; }
}

/// <summary>A website lease freed by the write that records its read (see <see cref="WebsiteLeases"/>).</summary>
internal sealed record LeaseRelease(int WebsiteId, string Instance, DateTime ReadAt);
