using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Host.Web;

/// <summary>
/// The management API under /api/v1 (websites, monitors, subscriptions, tokens, OpenAPI): the seam where the web
/// listener adds its services and maps its endpoints. <c>services</c> is the service host's provider.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>Services of the web app itself (e.g. AddOpenApi).</summary>
    public static IServiceCollection AddStockBotApi(this IServiceCollection webServices, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return webServices;
    }

    public static void MapStockBotApi(this WebApplication app, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(services);
    }
}
