using System.ComponentModel.DataAnnotations;

namespace StockBot.Core.Configuration;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Unchanged stock records older than this are thinned to one per monitor per day; changes are kept.</summary>
    [Range(1, 36500, ErrorMessage = "Retention:Days must be between 1 and 36500.")]
    public int Days { get; set; } = 90;

    /// <summary>Delivered (sent) alert_deliveries older than this are deleted.</summary>
    [Range(1, 36500, ErrorMessage = "Retention:DeliveredAlertDays must be between 1 and 36500.")]
    public int DeliveredAlertDays { get; set; } = 30;
}
