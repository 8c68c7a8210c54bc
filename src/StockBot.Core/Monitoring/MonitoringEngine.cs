using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Configuration;
using StockBot.Core.Security;
using StockBot.Core.Subscriptions;
using StockBot.Data;
using StockBot.Data.Entities;
using StockBot.Whmcs;

namespace StockBot.Core.Monitoring;

/// <summary>
/// One cycle: every active monitor of every active website, one WHMCS request per website,
/// websites read concurrently, and per website one transaction with its records, events and alerts.
/// </summary>
public sealed partial class MonitoringEngine(
    IServiceScopeFactory scopes,
    IOptions<MonitoringOptions> options,
    SecretProtector protector,
    WebsiteBackoff backoff,
    StockBotMetrics metrics,
    TimeProvider time,
    ILogger<MonitoringEngine> logger) : IDisposable
{
    private readonly SemaphoreSlim writeGate = new(1, 1);

    public async Task<CycleResult> RunCycleAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;
        IReadOnlyList<WebsiteWork> work;
        IReadOnlyList<SubscriptionMatch> subscriptions;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
            work = await LoadWorkAsync(db, cancellationToken);
            subscriptions = await db.Subscriptions.AsNoTracking()
                .Where(s => s.IsActive)
                .Select(s => new SubscriptionMatch(s.Id, s.WebsiteId, s.MonitorConfigId, s.EventKinds))
                .ToListAsync(cancellationToken);
        }

        var outcomes = new WebsiteOutcome[work.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentWebsites, CancellationToken = cancellationToken },
            async (index, token) => outcomes[index] = await CheckWebsiteAsync(work[index], subscriptions, token));

        var result = new CycleResult(
            outcomes.Sum(o => o.MonitorsChecked),
            outcomes.Count(o => o.Read),
            outcomes.Sum(o => o.Changes),
            outcomes.Sum(o => o.Events),
            outcomes.Sum(o => o.Errors),
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds)
        {
            AlertsQueued = outcomes.Sum(o => o.AlertsQueued),
            WebsitesSkipped = outcomes.Count(o => o.Skipped),
        };
        metrics.CycleFinished(result);
        LogCycle(logger, result.WebsitesChecked, result.MonitorsChecked, result.Changes, result.Events, result.Errors, result.DurationMs);
        return result;
    }

    private static async Task<IReadOnlyList<WebsiteWork>> LoadWorkAsync(StockBotDbContext db, CancellationToken cancellationToken)
    {
        var monitors = await db.MonitorConfigs.AsNoTracking()
            .Where(m => m.IsActive && m.Website!.IsActive)
            .OrderBy(m => m.WebsiteId).ThenBy(m => m.Id)
            .Select(m => new MonitorWork(
                m.Id, m.WebsiteId, m.ProductId, m.ProductName, m.Status, m.ConsecutiveFailures, m.ThresholdLow, m.ThresholdHigh,
                m.NotifyOnRestock, m.NotifyOnPurchase, m.NotifyOnThreshold))
            .ToListAsync(cancellationToken);
        var websiteIds = monitors.Select(m => m.WebsiteId).Distinct().ToList();
        var websites = await db.Websites.AsNoTracking()
            .Where(w => websiteIds.Contains(w.Id))
            .ToDictionaryAsync(w => w.Id, cancellationToken);
        return monitors
            .GroupBy(m => m.WebsiteId)
            .Select(g => new WebsiteWork(websites[g.Key], g.ToList()))
            .ToList();
    }

    private async Task<WebsiteOutcome> CheckWebsiteAsync(WebsiteWork work, IReadOnlyList<SubscriptionMatch> subscriptions, CancellationToken cancellationToken)
    {
        var website = work.Website;
        if (backoff.IsBackedOff(website.Id, out var until))
        {
            LogBackedOff(logger, website.Name, website.Id, until);
            return new WebsiteOutcome(0, false, 0, 0, 0, 0, Skipped: true);
        }

        await using var scope = scopes.CreateAsyncScope();
        var (products, failure) = await ReadAsync(scope.ServiceProvider, work, cancellationToken);
        var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
        // One index seek per monitor (newest by created_at, id), however long its history is.
        var lastRows = await db.Database.SqlQuery<LastRecordRow>($"""
            SELECT r.monitor_config_id AS MonitorConfigId, r.quantity AS Quantity, r.stock_control_enabled AS StockControlEnabled,
                   r.threshold_breached AS ThresholdBreached, r.threshold_type AS ThresholdType, r.created_at AS CreatedAt
            FROM monitor_configs m
            JOIN stock_records r ON r.id = (
                SELECT s.id FROM stock_records s WHERE s.monitor_config_id = m.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1)
            WHERE m.website_id = {website.Id}
            """).ToListAsync(cancellationToken);
        var lastRecords = lastRows.ToDictionary(
            r => r.MonitorConfigId,
            r => new LastStockRecord(r.Quantity, r.StockControlEnabled, r.ThresholdBreached ? r.ThresholdType : null, DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)));

        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.Value;
        var detectorSettings = new DetectorSettings(settings.ErrorAfterFailures, settings.UnchangedSampleInterval);
        var checkedOnly = new List<int>();
        var stateChanges = new List<(MonitorWork Monitor, Detection Detection, string? ProductName)>();
        var records = new List<StockRecord>();
        var histories = new List<(MonitorWork Monitor, MonitorHistory History)>();
        var errors = 0;
        var changes = 0;

        foreach (var monitor in work.Monitors)
        {
            var state = new MonitorState(monitor.Id, monitor.ThresholdLow, monitor.ThresholdHigh, monitor.Status, monitor.ConsecutiveFailures, lastRecords.GetValueOrDefault(monitor.Id));
            Detection detection;
            string? discoveredName = null;
            if (failure is not null)
            {
                detection = StockChangeDetector.DetectFailure(state, failure.Message, detectorSettings);
            }
            else if (products!.TryGetValue(monitor.ProductId, out var product))
            {
                detection = StockChangeDetector.Detect(state, new StockReading(product.Quantity, product.StockControl, product.Available, product.Name), now, detectorSettings);
                discoveredName = monitor.ProductName is null ? Truncate(product.Name, 255) : null;
            }
            else
            {
                detection = StockChangeDetector.DetectFailure(
                    state,
                    $"Product {monitor.ProductId} was not found on {website.Name}: removed, hidden, or a wrong product id? (`stockbot website products {website.Id}` lists them)",
                    detectorSettings);
            }

            if (!detection.Checked)
            {
                errors++;
            }

            if (detection.IsChange)
            {
                changes++;
            }

            if (detection.Record is { } draft)
            {
                records.Add(new StockRecord
                {
                    MonitorConfigId = monitor.Id, Quantity = draft.Quantity, Delta = draft.Delta, StockControlEnabled = draft.StockControlEnabled,
                    Available = draft.Available, ChangeType = draft.ChangeType, ThresholdBreached = draft.ThresholdType is not null,
                    ThresholdType = draft.ThresholdType, CreatedAt = now,
                });
            }

            foreach (var e in detection.Events)
            {
                histories.Add((monitor, new MonitorHistory
                {
                    MonitorConfigId = monitor.Id, EventType = e.EventType, FromQuantity = e.FromQuantity, ToQuantity = e.ToQuantity, Delta = e.Delta,
                    ChangeType = e.ChangeType, ThresholdBreached = e.ThresholdType is not null, ThresholdType = e.ThresholdType,
                    ThresholdValue = e.ThresholdValue, Message = Truncate(e.Message, 500), CreatedAt = now,
                    MetadataJson = detection.Checked && detection.Record is { StockControlEnabled: false } ? StockControlOffMetadata : null,
                }));
            }

            var unchangedState = detection.Status == monitor.Status && detection.ConsecutiveFailures == monitor.ConsecutiveFailures && detection.LastError is null;
            if (detection.Checked && unchangedState && discoveredName is null)
            {
                checkedOnly.Add(monitor.Id);
            }
            else
            {
                stateChanges.Add((monitor, detection, discoveredName));
            }
        }

        var deliveries = new List<AlertDelivery>();
        foreach (var (monitor, history) in histories)
        {
            var kind = EventKinds.ForEvent(history.EventType);
            if (kind is null || !monitor.Notifies(kind))
            {
                continue;
            }

            foreach (var subscription in subscriptions)
            {
                if (subscription.Covers(website.Id, monitor.Id, kind))
                {
                    deliveries.Add(new AlertDelivery
                    {
                        MonitorHistory = history, SubscriptionId = subscription.Id, Status = DeliveryStatus.Pending,
                        NextAttemptAt = now, CreatedAt = now,
                    });
                }
            }
        }

        await WriteAsync(db, records, histories.Select(h => h.History).ToList(), deliveries, checkedOnly, stateChanges, now);

        if (errors > 0)
        {
            metrics.ReadFailed(failure?.Kind.ToString() ?? nameof(WhmcsFailureKind.ProductMissing), errors);
        }

        if (failure is not null)
        {
            LogWebsiteFailed(logger, website.Name, website.Id, failure.Kind, failure.Message);
            if (failure.Kind is WhmcsFailureKind.Authentication or WhmcsFailureKind.Permission)
            {
                var wait = backoff.RecordAuthenticationFailure(website.Id);
                LogAuthBackoff(logger, website.Name, website.Id, wait);
            }
        }
        else
        {
            backoff.RecordSuccess(website.Id);
        }

        return new WebsiteOutcome(work.Monitors.Count, failure is null, changes, histories.Count, errors, deliveries.Count, Skipped: false);
    }

    /// <summary>
    /// One transaction per website. SQLite has one writer, so websites queue on an async gate
    /// instead of colliding on the file lock; once the read is in, the write finishes even during
    /// shutdown, so nothing is half-written.
    /// </summary>
    private async Task WriteAsync(
        StockBotDbContext db,
        List<StockRecord> records,
        List<MonitorHistory> histories,
        List<AlertDelivery> deliveries,
        List<int> checkedOnly,
        List<(MonitorWork Monitor, Detection Detection, string? ProductName)> stateChanges,
        DateTime now)
    {
        var write = CancellationToken.None;
        await writeGate.WaitAsync(write);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(write);
            db.StockRecords.AddRange(records);
            db.MonitorHistories.AddRange(histories);
            db.AlertDeliveries.AddRange(deliveries);
            await db.SaveChangesAsync(write);
            if (checkedOnly.Count > 0)
            {
                await db.MonitorConfigs
                    .Where(m => checkedOnly.Contains(m.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastCheckedAt, now), write);
            }

            foreach (var (monitor, detection, name) in stateChanges)
            {
                // A pause that landed during the read wins over the state this check computed.
                await db.MonitorConfigs
                    .Where(m => m.Id == monitor.Id && m.IsActive)
                    .ExecuteUpdateAsync(
                        s => s
                            .SetProperty(m => m.Status, detection.Status)
                            .SetProperty(m => m.ConsecutiveFailures, detection.ConsecutiveFailures)
                            .SetProperty(m => m.LastError, detection.LastError == null ? null : Truncate(detection.LastError, 500))
                            .SetProperty(m => m.LastCheckedAt, m => detection.Checked ? now : m.LastCheckedAt)
                            .SetProperty(m => m.ProductName, m => name ?? m.ProductName),
                        write);
            }

            await transaction.CommitAsync(write);
        }
        finally
        {
            writeGate.Release();
        }
    }

    public void Dispose() => writeGate.Dispose();

    private async Task<(Dictionary<int, WhmcsProduct>? Products, WhmcsFailure? Failure)> ReadAsync(IServiceProvider services, WebsiteWork work, CancellationToken cancellationToken)
    {
        WhmcsCredentials credentials;
        try
        {
            credentials = new WhmcsCredentials(
                new Uri(work.Website.WebsiteUrl),
                work.Website.ApiIdentifier,
                protector.Unprotect(work.Website.ApiSecret),
                work.Website.ApiAccessKey is null ? null : protector.Unprotect(work.Website.ApiAccessKey));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or UriFormatException)
        {
            return (null, new WhmcsFailure(WhmcsFailureKind.Authentication, "The stored API secret cannot be decrypted with this encryption key; set it again with `stockbot website update ID --api-secret ...`."));
        }

        var client = services.GetRequiredService<WhmcsClient>();
        var result = await client.GetProductsAsync(credentials, work.Monitors.Select(m => m.ProductId).Distinct().ToList(), cancellationToken);
        if (!result.IsSuccess)
        {
            return (null, result.Failure);
        }

        var products = new Dictionary<int, WhmcsProduct>();
        foreach (var product in result.Products)
        {
            products.TryAdd(product.Pid, product);
        }

        return (products, null);
    }

    private const string StockControlOffMetadata = "{\"stock_control_enabled\":false}";

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "...";

    [LoggerMessage(Level = LogLevel.Information, Message = "Cycle done: {Websites} website(s), {Monitors} monitor(s), {Changes} change(s), {Events} event(s), {Errors} error(s) in {DurationMs} ms")]
    private static partial void LogCycle(ILogger logger, int websites, int monitors, int changes, int events, int errors, long durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Website {Website} ({WebsiteId}) could not be read ({Kind}): {Reason}")]
    private static partial void LogWebsiteFailed(ILogger logger, string website, int websiteId, WhmcsFailureKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Website {Website} ({WebsiteId}) failed authentication; not reading it again for {Wait} so WHMCS does not ban this IP")]
    private static partial void LogAuthBackoff(ILogger logger, string website, int websiteId, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Website {Website} ({WebsiteId}) skipped until {Until} after an authentication failure")]
    private static partial void LogBackedOff(ILogger logger, string website, int websiteId, DateTimeOffset until);
}

internal sealed record MonitorWork(
    int Id, int WebsiteId, int ProductId, string? ProductName, string Status, int ConsecutiveFailures, int? ThresholdLow, int? ThresholdHigh,
    bool NotifyOnRestock, bool NotifyOnPurchase, bool NotifyOnThreshold)
{
    public bool Notifies(string kind) => kind switch
    {
        EventKinds.Restock => NotifyOnRestock,
        EventKinds.Purchase => NotifyOnPurchase,
        EventKinds.Threshold => NotifyOnThreshold,
        _ => true,
    };
}

internal sealed record LastRecordRow(int MonitorConfigId, int Quantity, bool StockControlEnabled, bool ThresholdBreached, string? ThresholdType, DateTime CreatedAt);

internal sealed record WebsiteWork(Website Website, IReadOnlyList<MonitorWork> Monitors);

internal sealed record SubscriptionMatch(int Id, int? WebsiteId, int? MonitorConfigId, string EventKinds)
{
    public bool Covers(int websiteId, int monitorId, string kind) =>
        (MonitorConfigId is null ? WebsiteId is null || WebsiteId == websiteId : MonitorConfigId == monitorId)
        && Subscriptions.EventKinds.Includes(EventKinds, kind);
}
