using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Configuration;
using StockBot.Core.Operations;
using StockBot.Data.Providers;
using StockBot.Whmcs;

namespace StockBot.Core.Monitoring;

/// <summary>
/// One cycle: every active monitor of every active website, one WHMCS request per website,
/// websites read concurrently, and per website one transaction with its records, events and alerts.
/// </summary>
public sealed partial class MonitoringEngine(
    IServiceScopeFactory scopes,
    IOptions<MonitoringOptions> options,
    WebsiteReader reader,
    WebsiteBackoff backoff,
    WebsiteLeases leases,
    DatabaseDialect dialect,
    StockBotMetrics metrics,
    TimeProvider time,
    ILogger<MonitoringEngine> logger) : IDisposable
{
    // Across cycles of this process too (the schedule's and a chat /check): SQLite's one writer is one turn.
    private readonly SemaphoreSlim writeTurns = new(dialect.ConcurrentWriters, dialect.ConcurrentWriters);

    public async Task<CycleResult> RunCycleAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var cycleStarted = time.GetUtcNow().UtcDateTime;
        var settings = options.Value;
        IReadOnlyList<WebsiteWork> work;
        IReadOnlyList<OutboxSubscription> subscriptions;
        AlertSuppression suppression;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
            work = await LoadWorkAsync(db, time.GetUtcNow().UtcDateTime, cancellationToken);
            subscriptions = await AlertOutbox.LoadSubscriptionsAsync(db, cancellationToken);
            suppression = await AlertSuppression.LoadAsync(db, work.SelectMany(w => w.Monitors), cancellationToken);
        }

        var outcomes = new WebsiteOutcome[work.Count];
        if (work.Count > 0)
        {
            // The cycle's writes go through the dialect's number of connections, each a MonitoringStore a website's
            // write takes in turn: one on SQLite (one writer), several on a server.
            var writers = Math.Clamp(Math.Min(work.Count, settings.MaxConcurrentWebsites), 1, dialect.ConcurrentWriters);
            var stores = Channel.CreateBounded<MonitoringStore>(writers);
            var opened = new List<MonitoringStore>(writers);
            try
            {
                for (var i = 0; i < writers; i++)
                {
                    var store = await MonitoringStore.OpenAsync(scopes, cancellationToken);
                    opened.Add(store);
                    stores.Writer.TryWrite(store);
                }

                // Monitoring:MaxConcurrentWebsites bounds the reads in flight; a website whose read is in waits for a write
                // turn outside that bound, so the next website's read starts at once instead of after this one's write.
                // Up to two websites per writer more are in flight: writing, waiting to write, or claiming their lease.
                using var reads = new SemaphoreSlim(settings.MaxConcurrentWebsites, settings.MaxConcurrentWebsites);
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, work.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentWebsites + (2 * writers), CancellationToken = cancellationToken },
                    async (index, token) => outcomes[index] = await CheckLeasedAsync(work[index], cycleStarted, subscriptions, suppression, reads, stores, token));
            }
            finally
            {
                foreach (var store in opened)
                {
                    await store.DisposeAsync();
                }
            }
        }

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
            Failures = [.. outcomes.SelectMany(o => o.Failures)],
        };
        metrics.CycleFinished(result);
        LogCycle(logger, result.WebsitesChecked, result.MonitorsChecked, result.Changes, result.Events, result.Errors, result.DurationMs);
        return result;
    }

    private static async Task<IReadOnlyList<WebsiteWork>> LoadWorkAsync(StockBotDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        // A website paused for maintenance is not read: no alerts, and its errors do not count towards error-after-N.
        var monitors = await db.MonitorConfigs.AsNoTracking()
            .Where(m => m.IsActive && m.Website!.IsActive && (m.Website.PausedUntil == null || m.Website.PausedUntil <= now))
            .OrderBy(m => m.WebsiteId).ThenBy(m => m.Id)
            .Select(m => new MonitorWork(
                m.Id, m.WebsiteId, m.ProductId, m.ProductName, m.Status, m.ConsecutiveFailures, m.ThresholdLow, m.ThresholdHigh,
                m.NotifyOnRestock, m.NotifyOnPurchase, m.NotifyOnThreshold, m.LastPrice, m.CooldownSeconds,
                m.RestockPendingHistoryId == null ? null : new PendingRestock(m.RestockPendingHistoryId.Value, m.RestockConfirmReads)))
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

    /// <summary>A website another instance reads this interval is left to it (<see cref="WebsiteLeases"/>); a single instance reads all.</summary>
    private async Task<WebsiteOutcome> CheckLeasedAsync(
        WebsiteWork work, DateTime cycleStarted, IReadOnlyList<OutboxSubscription> subscriptions, AlertSuppression suppression, SemaphoreSlim reads, Channel<MonitoringStore> stores, CancellationToken cancellationToken)
    {
        if (!leases.Active)
        {
            return await CheckWebsiteAsync(work, subscriptions, suppression, reads, stores, lease: null, cancellationToken);
        }

        // Leases are only taken where instances share a database server (never SQLite's one writer): no write turn needed.
        var claimed = await leases.TryClaimAsync(work.Website.Id, cycleStarted, time.GetUtcNow().UtcDateTime, cancellationToken);

        if (!claimed)
        {
            return new WebsiteOutcome(0, false, 0, 0, 0, 0, Skipped: true);
        }

        var read = false;
        var released = false;
        try
        {
            var outcome = await CheckWebsiteAsync(work, subscriptions, suppression, reads, stores, leases.ReleaseOf(work.Website.Id, cycleStarted), cancellationToken);
            read = true;
            released = outcome.LeaseReleased;
            return outcome;
        }
        finally
        {
            // A read cut short (shutdown) frees the website without counting as read: another instance takes it at once.
            if (!released)
            {
                await leases.ReleaseAsync(work.Website.Id, read ? cycleStarted : null);
            }
        }
    }

    private async Task<WebsiteOutcome> CheckWebsiteAsync(
        WebsiteWork work, IReadOnlyList<OutboxSubscription> subscriptions, AlertSuppression suppression, SemaphoreSlim reads, Channel<MonitoringStore> stores, LeaseRelease? lease, CancellationToken cancellationToken)
    {
        var website = work.Website;
        if (backoff.IsBackedOff(website.Id, out var until))
        {
            LogBackedOff(logger, website.Name, website.Id, until);
            return new WebsiteOutcome(0, false, 0, 0, 0, 0, Skipped: true);
        }

        WebsiteOutcome outcome;
        WebsiteReading read;
        DateTime readStarted;
        await reads.WaitAsync(cancellationToken);
        try
        {
            // What this read sees is as old as its start: a slow site's answer can be older than another read's record.
            readStarted = time.GetUtcNow().UtcDateTime;
            await using var scope = scopes.CreateAsyncScope();
            read = await reader.ReadAsync(scope.ServiceProvider, website, work.ProductIds, CatalogueDue(website, readStarted), cancellationToken);
        }
        finally
        {
            reads.Release();
        }

        var failure = read.Failure;
        string? productFailureKind = null;
        cancellationToken.ThrowIfCancellationRequested();

        // Websites take turns on the cycle's write connections (SQLite has one writer: one connection, no collisions
        // on the file lock). Once the read is in, the write finishes even during shutdown, so nothing is half-written.
        // The last records are read in the website's own transaction, so the comparison and the write see the same state.
        await writeTurns.WaitAsync(CancellationToken.None);
        var store = await stores.Reader.ReadAsync(CancellationToken.None);
        try
        {
            await using var transaction = await store.BeginAsync();
            var stale = new HashSet<int>();
            var lastRecords = store.LoadLastRecords(website.Id, readStarted, stale);

            var now = time.GetUtcNow().UtcDateTime;
            var settings = options.Value;
            var detectorSettings = new DetectorSettings(settings.ErrorAfterFailures, settings.UnchangedSampleInterval);
            var write = new WebsiteWrite(now) { Lease = lease };
            var errors = 0;
            var changes = 0;
            var staleSkipped = 0;
            var failures = new List<WebsiteReadFailure>();
            if (failure is not null)
            {
                failures.Add(new WebsiteReadFailure(website.Id, website.Name, null, failure.Kind, failure.Message));
            }

            foreach (var monitor in work.Monitors)
            {
                if (stale.Contains(monitor.Id))
                {
                    // Another read (a `check` beside the running bot) started later and already wrote: this one is
                    // older news. Comparing it would record the old quantity as a change, and the next read the new one.
                    staleSkipped++;
                    continue;
                }

                var state = new MonitorState(monitor.Id, monitor.ThresholdLow, monitor.ThresholdHigh, monitor.Status, monitor.ConsecutiveFailures, lastRecords.GetValueOrDefault(monitor.Id));
                Detection detection;
                string? discoveredName = null;
                string? newPrice = null;
                string? productKind = null;
                if (failure is not null)
                {
                    detection = StockChangeDetector.DetectFailure(state, failure.Message, detectorSettings);
                }
                else if (read.Products.TryGetValue(monitor.ProductId, out var product) && product.Reading is { } reading)
                {
                    detection = StockChangeDetector.Detect(state, reading, now, detectorSettings);
                    discoveredName = monitor.ProductName is null && product.Name is { Length: > 0 } name ? TextLimit.Clip(name, 255) : null;
                    newPrice = product.Price is { } price && price != monitor.LastPrice ? price : null;
                }
                else
                {
                    // The website answered, but not for this product: a failed read of this monitor only.
                    productKind = product?.FailureKind ?? nameof(WhmcsFailureKind.ProductMissing);
                    productFailureKind ??= productKind;
                    detection = StockChangeDetector.DetectFailure(
                        state,
                        product?.FailureMessage
                            ?? $"Product {monitor.ProductId} was not found on {website.Name}: removed, hidden, or a wrong product id? (`stockbot website products {website.Id}` lists them)",
                        detectorSettings);
                }

                if (!detection.Checked)
                {
                    errors++;
                    if (failure is null)
                    {
                        failures.Add(new WebsiteReadFailure(website.Id, website.Name, monitor.Id, productKind!, detection.LastError ?? "not read"));
                    }
                }

                if (detection.IsChange)
                {
                    changes++;
                }

                if (detection.Record is { } draft)
                {
                    write.Records.Add((monitor.Id, draft));
                }

                var metadata = detection.Checked && detection.Record is { StockControlEnabled: false } ? StockControlOffMetadata : null;
                var change = new List<ChangeEvent>(detection.Events.Count);
                var restock = RestockConfirmation.Decide(settings.ConfirmReads, monitor.PendingRestock, detection);
                var firstHistory = write.Histories.Count;
                foreach (var e in detection.Events)
                {
                    write.Histories.Add((monitor.Id, e, metadata, null));
                    if (restock.Alerts(e) && suppression.Allows(monitor, e.EventType, now))
                    {
                        change.Add(new ChangeEvent(write.Histories.Count - 1, e.EventType, e.ToQuantity));
                    }
                }

                AlertOutbox.Enqueue(change, monitor.Alerting, subscriptions, write.Deliveries);
                RestockConfirmation.Apply(restock, monitor, detection, firstHistory, () => suppression.Allows(monitor, MonitorEventType.StockIncreased, now), subscriptions, write);

                var unchangedState = detection.Status == monitor.Status && detection.ConsecutiveFailures == monitor.ConsecutiveFailures && detection.LastError is null;
                if (detection.Checked && unchangedState && discoveredName is null && newPrice is null)
                {
                    write.CheckedOnly.Add(monitor.Id);
                }
                else
                {
                    write.StateChanges.Add((monitor.Id, detection, discoveredName, newPrice));
                }
            }

            if (read.Catalogue is { } catalogue)
            {
                NewProducts.Add(website, store.Catalogue.Apply(website.Id, website.CatalogueReadAt, catalogue, now, settings.DiscoveryInterval), subscriptions, write);
            }

            store.Write(write);
            await transaction.CommitAsync(CancellationToken.None);
            if (staleSkipped > 0)
            {
                LogStaleRead(logger, website.Name, website.Id, staleSkipped);
            }

            outcome = new WebsiteOutcome(work.Monitors.Count, failure is null, changes, write.Histories.Count, errors, write.Deliveries.Count, Skipped: false)
            {
                Failures = failures,
                LeaseReleased = lease is not null,
            };
        }
        finally
        {
            stores.Writer.TryWrite(store);
            writeTurns.Release();
        }

        if (outcome.Errors > 0)
        {
            metrics.ReadFailed(failure?.Kind ?? productFailureKind ?? nameof(WhmcsFailureKind.ProductMissing), outcome.Errors);
        }

        if (failure is not null)
        {
            LogWebsiteFailed(logger, website.Name, website.Id, failure.Kind, failure.Message);
            if (failure.BacksOff)
            {
                var wait = backoff.RecordAuthenticationFailure(website.Id);
                LogAuthBackoff(logger, website.Name, website.Id, wait);
            }
        }
        else
        {
            backoff.RecordSuccess(website.Id);
        }

        return outcome;
    }


    /// <summary>An API website's whole product list is asked for once per Monitoring:DiscoveryInterval (in the same one request).</summary>
    private bool CatalogueDue(Website website, DateTime now) =>
        website.Mode == WebsiteMode.Api && (website.CatalogueReadAt is not { } read || now - read >= options.Value.DiscoveryInterval);

    private const string StockControlOffMetadata = "{\"stock_control_enabled\":false}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Cycle done: {Websites} website(s), {Monitors} monitor(s), {Changes} change(s), {Events} event(s), {Errors} error(s) in {DurationMs} ms")]
    private static partial void LogCycle(ILogger logger, int websites, int monitors, int changes, int events, int errors, long durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Website {Website} ({WebsiteId}) could not be read ({Kind}): {Reason}")]
    private static partial void LogWebsiteFailed(ILogger logger, string website, int websiteId, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Website {Website} ({WebsiteId}) failed authentication; not reading it again for {Wait} so WHMCS does not ban this IP")]
    private static partial void LogAuthBackoff(ILogger logger, string website, int websiteId, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Information, Message = "Website {Website} ({WebsiteId}): {Monitors} monitor(s) left as they are; a read that started later has already recorded them")]
    private static partial void LogStaleRead(ILogger logger, string website, int websiteId, int monitors);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Website {Website} ({WebsiteId}) skipped until {Until} after an authentication failure")]
    private static partial void LogBackedOff(ILogger logger, string website, int websiteId, DateTimeOffset until);

    public void Dispose() => writeTurns.Dispose();
}

internal sealed record MonitorWork(
    int Id, int WebsiteId, int ProductId, string? ProductName, MonitorStatus Status, int ConsecutiveFailures, int? ThresholdLow, int? ThresholdHigh,
    bool NotifyOnRestock, bool NotifyOnPurchase, bool NotifyOnThreshold, string? LastPrice, int CooldownSeconds = 0, PendingRestock? PendingRestock = null)
{
    public AlertingMonitor Alerting { get; } = new(Id, WebsiteId, AlertingMonitor.NotifiesFor(NotifyOnRestock, NotifyOnPurchase, NotifyOnThreshold));
}

internal sealed record WebsiteWork(Website Website, IReadOnlyList<MonitorWork> Monitors)
{
    public IReadOnlyList<int> ProductIds { get; } = Monitors.Select(m => m.ProductId).Distinct().ToList();
}
