namespace StockBot.Core.Monitors;

public sealed class MonitorService(StockBotDbContext db, TimeProvider time)
{
    public async Task<MonitorView> CreateAsync(MonitorInput input, CancellationToken cancellationToken)
    {
        var website = await db.Websites.FirstOrDefaultAsync(w => w.Id == input.WebsiteId, cancellationToken)
            ?? throw InputException.NotFound("website_id", "website", input.WebsiteId);
        Validate.ProductId(input.ProductId);
        var name = Validate.Optional("product_name", input.ProductName, 255);
        var low = Validate.Threshold("threshold_low", input.ThresholdLow);
        var high = Validate.Threshold("threshold_high", input.ThresholdHigh);
        Validate.ThresholdOrder(low, high);
        var link = input.PurchaseLink is null ? null : Validate.HttpUrl("purchase_link", input.PurchaseLink);

        if (await db.MonitorConfigs.AnyAsync(m => m.WebsiteId == input.WebsiteId && m.ProductId == input.ProductId, cancellationToken))
        {
            throw InputException.Duplicate("product_id", $"product {input.ProductId} is already monitored on website {input.WebsiteId}");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var monitor = new MonitorConfig
        {
            WebsiteId = website.Id,
            ProductId = input.ProductId,
            ProductName = name,
            ThresholdLow = low,
            ThresholdHigh = high,
            PurchaseLink = link,
            NotifyOnRestock = input.NotifyOnRestock,
            NotifyOnPurchase = input.NotifyOnPurchase,
            NotifyOnThreshold = input.NotifyOnThreshold,
            CooldownSeconds = CooldownSeconds(input.Cooldown) ?? 0,
            IsActive = true,
            Status = MonitorStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.MonitorConfigs.Add(monitor);
        await db.SaveChangesAsync(cancellationToken);
        return ToView(monitor, website);
    }

    public async Task<MonitorConfig> GetEntityAsync(int id, CancellationToken cancellationToken) =>
        await db.MonitorConfigs.Include(m => m.Website).FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
        ?? throw InputException.NotFound("monitor_id", "monitor", id);

    public async Task<MonitorView> GetAsync(int id, CancellationToken cancellationToken)
    {
        var monitor = await GetEntityAsync(id, cancellationToken);
        return ToView(monitor, monitor.Website!);
    }

    public async Task<IReadOnlyList<MonitorView>> ListAsync(int? websiteId, CancellationToken cancellationToken)
    {
        if (websiteId is not null && !await db.Websites.AnyAsync(w => w.Id == websiteId, cancellationToken))
        {
            throw InputException.NotFound("website_id", "website", websiteId.Value);
        }

        var query = db.MonitorConfigs.AsNoTracking().Include(m => m.Website).AsQueryable();
        if (websiteId is not null)
        {
            query = query.Where(m => m.WebsiteId == websiteId);
        }

        var monitors = await query.OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return monitors.Select(m => ToView(m, m.Website!)).ToList();
    }

    public async Task<MonitorView> UpdateAsync(int id, MonitorUpdate update, CancellationToken cancellationToken)
    {
        var monitor = await GetEntityAsync(id, cancellationToken);
        var low = update.ClearThresholdLow ? null : Validate.Threshold("threshold_low", update.ThresholdLow) ?? monitor.ThresholdLow;
        var high = update.ClearThresholdHigh ? null : Validate.Threshold("threshold_high", update.ThresholdHigh) ?? monitor.ThresholdHigh;
        Validate.ThresholdOrder(low, high);

        if (update.ProductName is not null)
        {
            monitor.ProductName = Validate.Optional("product_name", update.ProductName, 255);
        }

        if (update.ClearPurchaseLink)
        {
            monitor.PurchaseLink = null;
        }
        else if (update.PurchaseLink is not null)
        {
            monitor.PurchaseLink = Validate.HttpUrl("purchase_link", update.PurchaseLink);
        }

        monitor.ThresholdLow = low;
        monitor.ThresholdHigh = high;
        monitor.NotifyOnRestock = update.NotifyOnRestock ?? monitor.NotifyOnRestock;
        monitor.NotifyOnPurchase = update.NotifyOnPurchase ?? monitor.NotifyOnPurchase;
        monitor.NotifyOnThreshold = update.NotifyOnThreshold ?? monitor.NotifyOnThreshold;
        monitor.CooldownSeconds = CooldownSeconds(update.Cooldown) ?? monitor.CooldownSeconds;
        monitor.IsPublic = update.IsPublic ?? monitor.IsPublic;
        monitor.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return ToView(monitor, monitor.Website!);
    }

    public Task<MonitorView> PauseAsync(int id, CancellationToken cancellationToken) => SetActiveAsync(id, active: false, cancellationToken);

    public Task<MonitorView> ResumeAsync(int id, CancellationToken cancellationToken) => SetActiveAsync(id, active: true, cancellationToken);

    private async Task<MonitorView> SetActiveAsync(int id, bool active, CancellationToken cancellationToken)
    {
        var monitor = await GetEntityAsync(id, cancellationToken);
        monitor.IsActive = active;
        monitor.Status = active ? MonitorStatus.Active : MonitorStatus.Paused;
        if (active)
        {
            // A resumed monitor starts counting failures afresh; the ones before the pause are history.
            monitor.ConsecutiveFailures = 0;
            monitor.LastError = null;
        }

        monitor.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return ToView(monitor, monitor.Website!);
    }

    public async Task<RemovalResult> RemoveAsync(int id, bool force, CancellationToken cancellationToken)
    {
        var monitor = await GetEntityAsync(id, cancellationToken);
        var records = await db.StockRecords.CountAsync(r => r.MonitorConfigId == id, cancellationToken);
        var events = await db.MonitorHistories.CountAsync(h => h.MonitorConfigId == id, cancellationToken);
        if (records + events > 0 && !force)
        {
            throw new InputException(
                "force",
                $"monitor {id} has {records} stock record(s) and {events} event(s); pass --force to remove them with it");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MonitorRowsRemover.RemoveMonitorRowsAsync(db, [id], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RemovalResult(id, monitor.ProductName ?? $"product {monitor.ProductId}", 1, records, events);
    }

    internal static MonitorView ToView(MonitorConfig monitor, Website website) => new(
        monitor.Id,
        monitor.WebsiteId,
        website.Name,
        monitor.ProductId,
        monitor.ProductName,
        monitor.IsActive,
        monitor.Status.ToDb(),
        monitor.ThresholdLow,
        monitor.ThresholdHigh,
        monitor.NotifyOnRestock,
        monitor.NotifyOnPurchase,
        monitor.NotifyOnThreshold,
        monitor.PurchaseLink,
        BuyLink.For(website.WebsiteUrl, monitor.ProductId, monitor.PurchaseLink),
        monitor.LastError,
        monitor.CreatedAt,
        monitor.UpdatedAt,
        monitor.LastCheckedAt)
    {
        CooldownSeconds = monitor.CooldownSeconds,
        IsPublic = monitor.IsPublic,
    };

    /// <summary>The longest `--cooldown`.</summary>
    public static readonly TimeSpan MaxCooldown = TimeSpan.FromDays(7);

    private static int? CooldownSeconds(TimeSpan? cooldown) =>
        cooldown is not { } value ? null
        : value < TimeSpan.Zero || value > MaxCooldown ? throw new InputException("cooldown", "must be between 0s and 7d")
        : (int)value.TotalSeconds;
}
