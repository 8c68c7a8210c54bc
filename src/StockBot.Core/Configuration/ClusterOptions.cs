using System.ComponentModel.DataAnnotations;

namespace StockBot.Core.Configuration;

/// <summary>Several `stockbot run` on one database: this instance's name (InstanceIdentity) and how soon another takes over.</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>This instance's name (InstanceIdentity reads it); the machine name when unset.</summary>
    [MaxLength(100, ErrorMessage = "Cluster:InstanceName must be at most 100 characters.")]
    public string? InstanceName { get; set; }

    /// <summary>A dead leader's chat bots move to another instance within this time; leaders renew every third of it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00", ErrorMessage = "Cluster:FailoverAfter must be between 00:00:05 and 00:10:00.")]
    public TimeSpan FailoverAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a leader renews: a third of FailoverAfter.</summary>
    public TimeSpan RenewEvery => FailoverAfter / 3;

    /// <summary>
    /// How often a standby looks: a sixth of FailoverAfter, so it takes an expired lease (at most two thirds after the
    /// leader's death) with a sixth left for the front end to start (the first getUpdates, the gateway identify).
    /// </summary>
    public TimeSpan StandbyLookEvery => FailoverAfter / 6;

    /// <summary>A leadership lease lasts two renewals: one missed renewal is forgiven, a standby still takes over within FailoverAfter.</summary>
    public TimeSpan LeaseFor => RenewEvery * 2;
}
