namespace StockBot.Core.Websites;

/// <summary>A new website; in storefront mode the API identifier and secret stay null.</summary>
public sealed record WebsiteInput(
    string Name,
    string WebsiteUrl,
    string? ApiIdentifier,
    string? ApiSecret,
    string? Region = null,
    string? ApiAccessKey = null,
    WebsiteMode Mode = WebsiteMode.Api);

/// <summary>A partial update: null leaves a field as it is; an empty region or access key clears it.</summary>
public sealed record WebsiteUpdate(
    string? Name = null,
    string? WebsiteUrl = null,
    string? ApiIdentifier = null,
    string? ApiSecret = null,
    string? Region = null,
    string? ApiAccessKey = null,
    WebsiteMode? Mode = null);

/// <summary>What may be shown of a website: the secret only masked (and empty in storefront mode).</summary>
public sealed record WebsiteView(
    int Id,
    string Name,
    string WebsiteUrl,
    string Mode,
    string ApiIdentifier,
    string ApiSecret,
    bool HasAccessKey,
    string? Region,
    bool IsActive,
    int MonitorCount,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>A maintenance pause still running: not read until then (UTC); null when not paused.</summary>
    public DateTime? PausedUntil { get; init; }
}
