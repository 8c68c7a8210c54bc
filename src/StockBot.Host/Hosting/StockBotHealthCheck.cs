using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StockBot.Core.Operations;
using StockBot.Data.Entities;

namespace StockBot.Host.Hosting;

/// <summary>
/// The health rule for this configuration, with two front ends: `stockbot health` (the Docker
/// HEALTHCHECK) calls <see cref="RunAsync"/>, /healthz runs it through ASP.NET Core health checks.
/// </summary>
public sealed class StockBotHealthCheck(HealthCheck health, IConfiguration configuration) : IHealthCheck
{
    public const string Name = "stockbot";

    private static readonly (Platform Platform, string TokenKey)[] Bots = [(Platform.Telegram, "Telegram:Token"), (Platform.Discord, "Discord:Token")];

    public Task<Core.Operations.HealthReport> RunAsync(CancellationToken cancellationToken) =>
        health.CheckAsync(EnabledBots(), cancellationToken);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await RunAsync(cancellationToken);
        var status = !report.Healthy ? context.Registration.FailureStatus : report.Degraded ? HealthStatus.Degraded : HealthStatus.Healthy;
        return new HealthCheckResult(status, report.Summary());
    }

    /// <summary>A bot counts once its token is set: the health command runs in another process than the bots.</summary>
    private List<Platform> EnabledBots() =>
        Bots.Where(b => !string.IsNullOrWhiteSpace(configuration[b.TokenKey])).Select(b => b.Platform).ToList();
}
