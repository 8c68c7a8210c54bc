namespace StockBot.Core.Websites;

public sealed record WebsiteInput(
    string Name,
    string WebsiteUrl,
    string ApiIdentifier,
    string ApiSecret,
    string? Region = null,
    string? ApiAccessKey = null);

/// <summary>A partial update: null leaves a field as it is; an empty region or access key clears it.</summary>
public sealed record WebsiteUpdate(
    string? Name = null,
    string? WebsiteUrl = null,
    string? ApiIdentifier = null,
    string? ApiSecret = null,
    string? Region = null,
    string? ApiAccessKey = null);

/// <summary>What may be shown of a website: the secret only masked.</summary>
public sealed record WebsiteView(
    int Id,
    string Name,
    string WebsiteUrl,
    string ApiIdentifier,
    string ApiSecret,
    bool HasAccessKey,
    string? Region,
    bool IsActive,
    int MonitorCount,
    DateTime CreatedAt,
    DateTime UpdatedAt);

