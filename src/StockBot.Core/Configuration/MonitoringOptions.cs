using System.ComponentModel.DataAnnotations;

namespace StockBot.Core.Configuration;

public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Monitoring:Interval must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    [Range(1, 256, ErrorMessage = "Monitoring:MaxConcurrentWebsites must be between 1 and 256.")]
    public int MaxConcurrentWebsites { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Monitoring:RequestTimeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    [Range(1, 100, ErrorMessage = "Monitoring:ErrorAfterFailures must be between 1 and 100.")]
    public int ErrorAfterFailures { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Monitoring:UnchangedSampleInterval must be between 00:00:00 and 30.00:00:00.")]
    public TimeSpan UnchangedSampleInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often an API-mode website's whole catalogue is read (GetProducts without pid) for new products.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Monitoring:DiscoveryInterval must be between 00:00:00 and 30.00:00:00.")]
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A restock (out -> in) is alerted only after this many reads in a row (its own the first) still see it in stock.</summary>
    [Range(1, 10, ErrorMessage = "Monitoring:ConfirmReads must be between 1 and 10.")]
    public int ConfirmReads { get; set; } = 1;
}
