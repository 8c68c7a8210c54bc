using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using StockBot.Core.Operations;
using StockBot.Data;
using StockBot.Data.Entities;

namespace StockBot.Host.Web;

/// <summary>
/// The one optional HTTP listener (Web:Urls, or its older name Health:Urls; off by default): /healthz for
/// orchestrators, /metrics in Prometheus text format, the public stock page `/` with its live stream and JSON,
/// and the management API under /api/v1 (<see cref="ManagementApi"/>). Its own small web app, so nothing listens
/// unless asked; handlers reach the service host's services through <c>services</c>.
/// </summary>
public sealed partial class WebEndpoint(IOptions<WebOptions> options, IServiceProvider services, ILogger<WebEndpoint> logger) : IHostedService, IAsyncDisposable
{
    public const string HealthPath = "/healthz";
    public const string MetricsPath = "/metrics";

    private WebApplication? app;

    /// <summary>Where it listens once started (the bound addresses).</summary>
    public IReadOnlyCollection<string> Urls => app?.Urls.ToList() ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Listen is not { } urls)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(services.GetRequiredService<HealthCheckService>());
        builder.Services.AddManagementApi(services);
        app = builder.Build();
        app.Use(PublicEndpoints.SecurityHeaders);
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.MapPrometheusScrapingEndpoint(
            MetricsPath,
            services.GetRequiredService<MeterProvider>(),
            scrape => scrape.Use(async (context, next) =>
            {
                await CountPendingAlertsAsync(context.RequestAborted);
                await next(context);
            }),
            optionsName: null);
        app.MapPublicPage(services);
        app.MapManagementApi(services);
        await app.StartAsync(cancellationToken);
        LogListening(logger, string.Join(", ", app.Urls));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>The same line `stockbot health` prints; a check that threw has no summary of its own.</summary>
    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        var lines = report.Entries.Values.Select(e => e.Exception is null ? e.Description : $"unhealthy: {e.Exception.Message}");
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(string.Join('\n', lines) + "\n", context.RequestAborted);
    }

    // The outbox is in the database, which the gauge's callback must not wait on: count once per scrape.
    private async Task CountPendingAlertsAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
        var pending = await db.AlertDeliveries.LongCountAsync(d => d.Status == DeliveryStatus.Pending, cancellationToken);
        services.GetRequiredService<StockBotMetrics>().PendingAlertsCounted(pending);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Web listener on {Urls} (/healthz, /metrics, /, /api/v1)")]
    private static partial void LogListening(ILogger logger, string urls);
}
