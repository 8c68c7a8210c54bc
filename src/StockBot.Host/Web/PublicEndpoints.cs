using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StockBot.Core.Monitors;

namespace StockBot.Host.Web;

/// <summary>
/// The public stock page `/` (server-rendered, see <see cref="PublicPage"/>), its script and style, the live
/// stream `/events` (one snapshot on connect, then one after each monitoring cycle) and
/// `GET /api/v1/public/monitors` (no auth). Only the public, active monitors; nothing an admin alone sees.
/// </summary>
public static class PublicEndpoints
{
    public const string PagePath = "/";
    public const string ScriptPath = "/app.js";
    public const string StylePath = "/app.css";
    public const string EventsPath = "/events";
    public const string JsonPath = "/api/v1/public/monitors";

    /// <summary>A comment line on a quiet stream this often keeps proxies from closing it.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(25);

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<string> Script = new(() => Resource("app.js"));
    private static readonly Lazy<string> Style = new(() => Resource("app.css"));

    public static void MapPublicPage(this IEndpointRouteBuilder app, IServiceProvider services)
    {
        app.MapGet(PagePath, async context =>
        {
            var monitors = await ListAsync(services, context.RequestAborted);
            NoStore(context);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(PublicPage.Render(monitors), context.RequestAborted);
        });
        app.MapGet(ScriptPath, context => Asset(context, "text/javascript; charset=utf-8", Script.Value));
        app.MapGet(StylePath, context => Asset(context, "text/css; charset=utf-8", Style.Value));
        app.MapGet(JsonPath, async context =>
        {
            var monitors = await ListAsync(services, context.RequestAborted);
            NoStore(context);
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, monitors, PublicJsonContext.Default.IReadOnlyListPublicMonitor, context.RequestAborted);
        });
        app.MapGet(EventsPath, context => StreamAsync(context, services));
    }

    /// <summary>On every answer of the listener: no sniffing, no framing, scripts only from this origin.</summary>
    public static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        return next(context);
    }

    private static async Task StreamAsync(HttpContext context, IServiceProvider services)
    {
        var signal = services.GetRequiredService<CycleSignal>();
        var time = services.GetRequiredService<TimeProvider>();
        var lifetime = context.RequestServices.GetRequiredService<IHostApplicationLifetime>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;
        NoStore(context);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            var next = signal.Next;
            while (!cancellationToken.IsCancellationRequested)
            {
                var monitors = await ListAsync(services, cancellationToken);
                var json = JsonSerializer.Serialize(monitors, PublicJsonContext.Default.IReadOnlyListPublicMonitor);
                await context.Response.WriteAsync($"event: monitors\ndata: {json}\n\n", cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
                while (true)
                {
                    try
                    {
                        await next.WaitAsync(KeepAlive, time, cancellationToken);
                        next = signal.Next;
                        break;
                    }
                    catch (TimeoutException)
                    {
                        await context.Response.WriteAsync(": keep-alive\n\n", cancellationToken);
                        await context.Response.Body.FlushAsync(cancellationToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser left or the listener stops: the stream just ends.
        }
    }

    private static async Task<IReadOnlyList<PublicMonitor>> ListAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PublicMonitorQuery>().ListAsync(cancellationToken);
    }

    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-cache";

    private static Task Asset(HttpContext context, string contentType, string body)
    {
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"StockBot.Host.Web.{name}")
            ?? throw new InvalidOperationException($"The page's {name} is not embedded in the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>The public JSON in snake_case: product, website, region, in_stock, quantity, price, buy_url, updated_at, sparkline.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IReadOnlyList<PublicMonitor>))]
internal sealed partial class PublicJsonContext : JsonSerializerContext;
