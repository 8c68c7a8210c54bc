using StockBot.Core.Monitors;
using StockBot.Core.Security;

namespace StockBot.Core.Websites;

public sealed class WebsiteService(StockBotDbContext db, SecretProtector protector, TimeProvider time)
{
    public const int MaxSecretLength = 300;

    public async Task<WebsiteView> CreateAsync(WebsiteInput input, CancellationToken cancellationToken)
    {
        var name = Validate.Name("name", input.Name, 255);
        var url = Url(input.WebsiteUrl);
        var (identifier, secret, accessKey) = Credentials(input.Mode, input.ApiIdentifier, input.ApiSecret, input.ApiAccessKey);
        var region = Validate.Optional("region", input.Region, 100);
        await EnsureNameFreeAsync(name, null, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var website = new Website
        {
            Name = name,
            WebsiteUrl = url,
            Mode = input.Mode,
            ApiIdentifier = identifier ?? string.Empty,
            ApiSecret = secret is null ? string.Empty : protector.Protect(secret),
            ApiAccessKey = accessKey is null ? null : protector.Protect(accessKey),
            Region = region,
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Websites.Add(website);
        await db.SaveChangesAsync(cancellationToken);
        return ToView(website, 0);
    }

    public async Task<Website> GetEntityAsync(int id, CancellationToken cancellationToken) =>
        await db.Websites.FirstOrDefaultAsync(w => w.Id == id, cancellationToken)
        ?? throw InputException.NotFound("website_id", "website", id);

    public async Task<WebsiteView> GetAsync(int id, CancellationToken cancellationToken)
    {
        var website = await GetEntityAsync(id, cancellationToken);
        var monitors = await db.MonitorConfigs.CountAsync(m => m.WebsiteId == id, cancellationToken);
        return ToView(website, monitors);
    }

    public async Task<IReadOnlyList<WebsiteView>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Websites.AsNoTracking()
            .OrderBy(w => w.Id)
            .Select(w => new { Website = w, Monitors = w.Monitors.Count })
            .ToListAsync(cancellationToken);
        return rows.Select(r => ToView(r.Website, r.Monitors)).ToList();
    }

    public async Task<WebsiteView> UpdateAsync(int id, WebsiteUpdate update, CancellationToken cancellationToken)
    {
        var website = await GetEntityAsync(id, cancellationToken);
        if (update.Name is not null)
        {
            var name = Validate.Name("name", update.Name, 255);
            await EnsureNameFreeAsync(name, id, cancellationToken);
            website.Name = name;
        }

        if (update.WebsiteUrl is not null)
        {
            website.WebsiteUrl = Url(update.WebsiteUrl);
        }

        ApplyCredentials(website, update);

        if (update.Region is not null)
        {
            website.Region = Validate.Optional("region", update.Region, 100);
        }

        website.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public async Task<WebsiteView> SetActiveAsync(int id, bool active, CancellationToken cancellationToken)
    {
        var website = await GetEntityAsync(id, cancellationToken);
        if (website.IsActive != active)
        {
            website.IsActive = active;
            website.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        return await GetAsync(id, cancellationToken);
    }

    /// <summary>`website pause` (an instant) and `website resume` (null): while paused the website is not read.</summary>
    public async Task<WebsiteView> PauseAsync(int id, DateTime? until, CancellationToken cancellationToken)
    {
        var website = await GetEntityAsync(id, cancellationToken);
        website.PausedUntil = until;
        website.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Removes a website; one with monitors goes only with <paramref name="force"/>, and then with all their rows.</summary>
    public async Task<RemovalResult> RemoveAsync(int id, bool force, CancellationToken cancellationToken)
    {
        var website = await GetEntityAsync(id, cancellationToken);
        var monitorIds = await db.MonitorConfigs.Where(m => m.WebsiteId == id).Select(m => m.Id).ToListAsync(cancellationToken);
        var records = await db.StockRecords.CountAsync(r => monitorIds.Contains(r.MonitorConfigId), cancellationToken);
        var events = await db.MonitorHistories.CountAsync(h => h.MonitorConfigId != null && monitorIds.Contains(h.MonitorConfigId.Value), cancellationToken);
        if (monitorIds.Count > 0 && !force)
        {
            throw new InputException(
                "force",
                $"website {id} has {monitorIds.Count} monitor(s), {records} stock record(s) and {events} event(s); pass --force to remove them with it");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MonitorRowsRemover.RemoveMonitorRowsAsync(db, monitorIds, cancellationToken);
        // The catalogue's `product_new` events and their alerts, then the catalogue (which the website's removal would cascade).
        await db.AlertDeliveries.Where(d => d.MonitorHistory!.WebsiteProduct!.WebsiteId == id).ExecuteDeleteAsync(cancellationToken);
        await db.MonitorHistories.Where(h => h.WebsiteProduct!.WebsiteId == id).ExecuteDeleteAsync(cancellationToken);
        await db.WebsiteProducts.Where(p => p.WebsiteId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Subscriptions.Where(s => s.WebsiteId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Websites.Where(w => w.Id == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RemovalResult(id, website.Name, monitorIds.Count, records, events);
    }

    public string RevealSecret(Website website) => website.ApiSecret.Length == 0 ? string.Empty : protector.Unprotect(website.ApiSecret);

    /// <summary>The URL as stored: checked, then cut to the WHMCS root (<see cref="WebsiteUrls.Root"/>).</summary>
    private static string Url(string value) => WebsiteUrls.Root(Validate.HttpUrl("website_url", value));

    /// <summary>What a mode needs: api mode an identifier and a secret, storefront mode none of the credentials.</summary>
    private static (string? Identifier, string? Secret, string? AccessKey) Credentials(WebsiteMode mode, string? identifier, string? secret, string? accessKey)
    {
        if (mode == WebsiteMode.Storefront)
        {
            foreach (var (field, value) in (ReadOnlySpan<(string, string?)>)[("api_identifier", identifier), ("api_secret", secret), ("api_access_key", accessKey)])
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    throw WebsiteModes.NotInStorefront(field);
                }
            }

            return (null, null, null);
        }

        return (
            string.IsNullOrWhiteSpace(identifier) ? throw WebsiteModes.NeededInApi("api_identifier") : Validate.Name("api_identifier", identifier, 255),
            string.IsNullOrWhiteSpace(secret) ? throw WebsiteModes.NeededInApi("api_secret") : ValidateSecret("api_secret", secret),
            ValidateSecret("api_access_key", accessKey));
    }

    /// <summary>
    /// The mode and credentials of an update, checked together before anything changes: switching to storefront
    /// drops the stored credentials; switching to api needs an identifier and a secret, stored or given.
    /// </summary>
    private void ApplyCredentials(Website website, WebsiteUpdate update)
    {
        var mode = update.Mode ?? website.Mode;
        if (mode == WebsiteMode.Storefront)
        {
            Credentials(mode, update.ApiIdentifier, update.ApiSecret, update.ApiAccessKey);
            website.Mode = mode;
            website.ApiIdentifier = string.Empty;
            website.ApiSecret = string.Empty;
            website.ApiAccessKey = null;
            return;
        }

        var identifier = update.ApiIdentifier is null ? NullIfEmpty(website.ApiIdentifier) : Validate.Name("api_identifier", update.ApiIdentifier, 255);
        var secret = update.ApiSecret is null ? null : ValidateSecret("api_secret", update.ApiSecret);
        if (identifier is null)
        {
            throw WebsiteModes.NeededInApi("api_identifier");
        }

        if (secret is null && website.ApiSecret.Length == 0)
        {
            throw WebsiteModes.NeededInApi("api_secret");
        }

        string? accessKey = null;
        if (update.ApiAccessKey is not null)
        {
            accessKey = ValidateSecret("api_access_key", update.ApiAccessKey);
        }

        website.Mode = mode;
        website.ApiIdentifier = identifier;
        if (secret is not null)
        {
            website.ApiSecret = protector.Protect(secret);
        }

        if (update.ApiAccessKey is not null)
        {
            website.ApiAccessKey = accessKey is null ? null : protector.Protect(accessKey);
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Finds a website by its name, for the environment importer.</summary>
    public Task<Website?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        db.Websites.FirstOrDefaultAsync(w => w.Name == name, cancellationToken);

    private WebsiteView ToView(Website website, int monitorCount)
    {
        var masked = string.Empty;
        try
        {
            masked = website.ApiSecret.Length == 0 ? string.Empty : SecretProtector.Mask(protector.Unprotect(website.ApiSecret));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            masked = "**** (unreadable: wrong encryption key)";
        }

        return new WebsiteView(
            website.Id,
            website.Name,
            website.WebsiteUrl,
            website.Mode.ToDb(),
            website.ApiIdentifier,
            masked,
            website.ApiAccessKey is not null,
            website.Region,
            website.IsActive,
            monitorCount,
            website.CreatedAt,
            website.UpdatedAt)
        {
            PausedUntil = WebsitePause.Active(website.PausedUntil, time.GetUtcNow().UtcDateTime),
        };
    }

    private async Task EnsureNameFreeAsync(string name, int? exceptId, CancellationToken cancellationToken)
    {
        var taken = await db.Websites.AnyAsync(w => w.Name == name && w.Id != exceptId, cancellationToken);
        if (taken)
        {
            throw InputException.Duplicate("name", $"a website named '{name}' already exists; names must be unique");
        }
    }

    private static string? ValidateSecret(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return field == "api_secret" ? throw new InputException(field, "must not be empty") : null;
        }

        return trimmed.Length > MaxSecretLength
            ? throw new InputException(field, $"must be at most {MaxSecretLength} characters")
            : trimmed;
    }
}
