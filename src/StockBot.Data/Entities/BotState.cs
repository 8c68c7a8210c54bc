namespace StockBot.Data.Entities;

/// <summary>Small key/value facts the process keeps across restarts (last cycle, command hashes).</summary>
public sealed class BotState
{
    [MaxLength(100)]
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
}
