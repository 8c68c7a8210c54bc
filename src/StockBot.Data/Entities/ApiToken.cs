namespace StockBot.Data.Entities;

/// <summary>A management API token (`stockbot token create`): only its SHA-256 hash is stored, never the token.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    [MaxLength(100)]
    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token text.</summary>
    [MaxLength(64)]
    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    /// <summary>When `token revoke` ended it; a revoked token is refused (401) and kept for the record.</summary>
    public DateTime? RevokedAt { get; set; }
}
