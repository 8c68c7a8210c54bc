using Microsoft.Extensions.Configuration;

namespace StockBot.Core.Operations;

/// <summary>
/// Which StockBot process this is, by name: <c>Cluster:InstanceName</c>, or the machine name (a container's host
/// name). What this instance claims carries the name, so a restarted instance knows its own dead claims.
/// </summary>
public sealed record InstanceIdentity
{
    public const string Setting = "Cluster:InstanceName";

    /// <summary>As long as a claim column holds.</summary>
    public const int MaxLength = 100;

    public InstanceIdentity(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = TextLimit.Clip(name.Trim(), MaxLength);
    }

    public string Name { get; }

    /// <summary>This machine's instance, when nothing names it.</summary>
    public static InstanceIdentity Machine { get; } = new(Environment.MachineName);

    public static InstanceIdentity From(IConfiguration configuration) =>
        configuration[Setting] is { } name && !string.IsNullOrWhiteSpace(name) ? new InstanceIdentity(name) : Machine;

    public override string ToString() => Name;
}
