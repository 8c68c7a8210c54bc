using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Configuration;
using StockBot.Core.Operations;
using StockBot.Core.Security;
using StockBot.Core.Websites;
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
    private readonly ConcurrentDictionary<int, CachedCredentials> credentialCache = new();

    public async Task<CycleResult> RunCycleAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;
        IReadOnlyList<WebsiteWork> work;
        IReadOnlyList<OutboxSubscription> subscriptions;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
            work = await LoadWorkAsync(db, cancellationToken);
            subscriptions = await AlertOutbox.LoadSubscriptionsAsync(db, cancellationToken);
        }

        var outcomes = new WebsiteOutcome[work.Count];
        if (work.Count > 0)
        {
            // Every write of this cycle goes through one connection (see MonitoringStore).
            await using var store = await MonitoringStore.OpenAsync(scopes, cancellationToken);
            await Parallel.ForEachAsync(
                Enumerable.Range(0, work.Count),
                new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentWebsites, CancellationToken = cancellationToken },
                async (index, token) => outcomes[index] = await CheckWebsiteAsync(work[index], subscriptions, store, token));
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

    private async Task<WebsiteOutcome> CheckWebsiteAsync(WebsiteWork work, IReadOnlyList<OutboxSubscription> subscriptions, MonitoringStore store, CancellationToken cancellationToken)
    {
        var website = work.Website;
        if (backoff.IsBackedOff(website.Id, out var until))
        {
            LogBackedOff(logger, website.Name, website.Id, until);
            return new WebsiteOutcome(0, false, 0, 0, 0, 0, Skipped: true);
        }

        WebsiteOutcome outcome;
        (Dictionary<int, WhmcsProduct>? Products, WhmcsFailure? Failure) read;
        await using (var scope = scopes.CreateAsyncScope())
        {
            read = await ReadAsync(scope.ServiceProvider, work, cancellationToken);
        }

        var (products, failure) = read;
        cancellationToken.ThrowIfCancellationRequested();

        // SQLite has one writer, so websites queue on an async gate instead of colliding on the file lock.
        // Once the read is in, the write finishes even during shutdown, so nothing is half-written. The last
        // records are read in the website's own transaction, so the comparison and the write see the same state.
        await writeGate.WaitAsync(CancellationToken.None);
        try
        {
            await using var transaction = await store.BeginAsync();
            var lastRecords = store.LoadLastRecords(website.Id);

            var now = time.GetUtcNow().UtcDateTime;
            var settings = options.Value;
            var detectorSettings = new DetectorSettings(settings.ErrorAfterFailures, settings.UnchangedSampleInterval);
            var write = new WebsiteWrite(now);
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
                    discoveredName = monitor.ProductName is null ? TextLimit.Clip(product.Name, 255) : null;
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
                    write.Records.Add((monitor.Id, draft));
                }

                var metadata = detection.Checked && detection.Record is { StockControlEnabled: false } ? StockControlOffMetadata : null;
                foreach (var e in detection.Events)
                {
                    var historyIndex = write.Histories.Count;
                    write.Histories.Add((monitor.Id, e, metadata));
                    AlertOutbox.Enqueue(e.EventType, monitor.Alerting, subscriptions, historyIndex, write.Deliveries);
                }

                var unchangedState = detection.Status == monitor.Status && detection.ConsecutiveFailures == monitor.ConsecutiveFailures && detection.LastError is null;
                if (detection.Checked && unchangedState && discoveredName is null)
                {
                    write.CheckedOnly.Add(monitor.Id);
                }
                else
                {
                    write.StateChanges.Add((monitor.Id, detection, discoveredName));
                }
            }

            store.Write(write);
            await transaction.CommitAsync(CancellationToken.None);
            outcome = new WebsiteOutcome(work.Monitors.Count, failure is null, changes, write.Histories.Count, errors, write.Deliveries.Count, Skipped: false);
        }
        finally
        {
            writeGate.Release();
        }

        if (outcome.Errors > 0)
        {
            metrics.ReadFailed(failure?.Kind.ToString() ?? nameof(WhmcsFailureKind.ProductMissing), outcome.Errors);
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

        return outcome;
    }

    public void Dispose() => writeGate.Dispose();

    /// <summary>
    /// The website's credentials, decrypted once and reused while the stored values stay the same: AES-GCM
    /// and URL parsing per website per cycle are CPU for nothing. A changed URL, identifier, secret or access
    /// key (compared as stored, ciphertext included) decrypts again.
    /// </summary>
    private WhmcsCredentials Credentials(Website website)
    {
        if (credentialCache.TryGetValue(website.Id, out var cached)
            && cached.Url == website.WebsiteUrl && cached.Identifier == website.ApiIdentifier
            && cached.Secret == website.ApiSecret && cached.AccessKey == website.ApiAccessKey)
        {
            return cached.Credentials;
        }

        var credentials = WebsiteCredentials.For(website, protector);
        credentialCache[website.Id] = new CachedCredentials(website.WebsiteUrl, website.ApiIdentifier, website.ApiSecret, website.ApiAccessKey, credentials);
        return credentials;
    }

    private sealed record CachedCredentials(string Url, string Identifier, string Secret, string? AccessKey, WhmcsCredentials Credentials);

    private async Task<(Dictionary<int, WhmcsProduct>? Products, WhmcsFailure? Failure)> ReadAsync(IServiceProvider services, WebsiteWork work, CancellationToken cancellationToken)
    {
        WhmcsCredentials credentials;
        try
        {
            credentials = Credentials(work.Website);
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
    int Id, int WebsiteId, int ProductId, string? ProductName, MonitorStatus Status, int ConsecutiveFailures, int? ThresholdLow, int? ThresholdHigh,
    bool NotifyOnRestock, bool NotifyOnPurchase, bool NotifyOnThreshold)
{
    public AlertingMonitor Alerting { get; } = new(Id, WebsiteId, AlertingMonitor.NotifiesFor(NotifyOnRestock, NotifyOnPurchase, NotifyOnThreshold));
}

internal sealed record WebsiteWork(Website Website, IReadOnlyList<MonitorWork> Monitors);
