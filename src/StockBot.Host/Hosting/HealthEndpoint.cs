using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StockBot.Core.Monitoring;
using StockBot.Data;
using StockBot.Data.Entities;

namespace StockBot.Host.Hosting;

/// <summary>
/// Optional HTTP listener (Health:Urls, off by default): /healthz for orchestrators and /metrics
/// in Prometheus text format.
/// </summary>
public sealed partial class HealthEndpoint(IConfiguration configuration, IServiceProvider services, ILogger<HealthEndpoint> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = configuration["Health:Urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapGet("/healthz", async (HttpContext context) =>
        {
            await using var scope = services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<HealthCheck>().CheckAsync(EnabledBots(configuration), context.RequestAborted);
            context.Response.StatusCode = report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync((report.Healthy ? "healthy: " : "unhealthy: ") + string.Join("; ", report.Healthy ? report.Facts : report.Problems) + "\n", context.RequestAborted);
        });
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
            var pending = await db.AlertDeliveries.LongCountAsync(d => d.Status == DeliveryStatus.Pending, context.RequestAborted);
            context.Response.ContentType = "text/plain; version=0.0.4";
            await context.Response.WriteAsync(services.GetRequiredService<StockBotMetrics>().ToPrometheusText(pending), context.RequestAborted);
        });
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

    public static IReadOnlyCollection<string> EnabledBots(IConfiguration configuration) =>
        new[] { ("telegram", "Telegram:Token"), ("discord", "Discord:Token") }
            .Where(b => !string.IsNullOrWhiteSpace(configuration[b.Item2]))
            .Select(b => b.Item1)
            .ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Health and metrics on {Urls} (/healthz, /metrics)")]
    private static partial void LogListening(ILogger logger, string urls);
}
