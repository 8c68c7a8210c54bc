using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Simulator.Storefront;

namespace StockBot.Simulator;

/// <summary>
/// Simulated WHMCS installations on one Kestrel listener at 127.0.0.1: store n answers under
/// <c>{BaseAddress}store/{n}/includes/api.php</c> (GetProducts) and its order pages (<c>.../cart.php</c>,
/// <c>.../index.php?rp=/store/...</c>, see <see cref="SimulatedStorefront"/>).
/// </summary>
public sealed partial class WhmcsSimulator : IAsyncDisposable
{
    private const string StorePrefix = "/store/";

    private readonly WebApplication app;
    private readonly SimulatorOptions options;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock storesGate = new();
    private SimulatedStore[] stores = [];
    private long totalRequests;
    private int disposed;

    private WhmcsSimulator(WebApplication app, SimulatorOptions options)
    {
        this.app = app;
        this.options = options;
        BaseAddress = null!;
    }

    /// <summary>The listener's root, with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; }

    public IReadOnlyList<SimulatedStore> Stores => Volatile.Read(ref this.stores);

    /// <summary>API requests received by all stores.</summary>
    public long TotalRequests => Interlocked.Read(ref totalRequests);

    public static async Task<WhmcsSimulator> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        // The empty builder reads no configuration and adds no logging: the simulator must not pick up
        // the settings of whatever process hosts it, nor print a line per request.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var simulator = new WhmcsSimulator(app, options ?? new SimulatorOptions());
        app.Run(simulator.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        simulator.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return simulator;
    }

    public SimulatedStore AddStore(string identifier, string secret, string? accessKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        lock (storesGate)
        {
            var id = this.stores.Length + 1;
            var store = new SimulatedStore(id, new Uri(BaseAddress, $"store/{id}"), identifier, secret, accessKey);
            SimulatedStore[] next = [.. this.stores, store];
            Volatile.Write(ref this.stores, next);
            return store;
        }
    }

    /// <summary>
    /// Moves the stock of about <paramref name="fraction"/> of all stock-controlled products, by 1 to 5
    /// up or down, never below 0. Returns how many products changed.
    /// </summary>
    public int MoveStock(double fraction, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        var candidates = new List<SimulatedProduct>();
        foreach (var store in Stores)
        {
            foreach (var product in store.Products)
            {
                if (product.Stock is not null)
                {
                    candidates.Add(product);
                }
            }
        }

        var wanted = (int)Math.Round(fraction * candidates.Count, MidpointRounding.AwayFromZero);
        if (fraction > 0 && wanted == 0 && candidates.Count > 0)
        {
            wanted = 1;
        }

        var changed = 0;
        for (var i = 0; i < wanted; i++)
        {
            // Partial Fisher-Yates: each product is picked at most once.
            var pick = random.Next(i, candidates.Count);
            (candidates[i], candidates[pick]) = (candidates[pick], candidates[i]);
            var delta = random.Next(1, 6) * (random.Next(2) == 0 ? -1 : 1);
            if (candidates[i].TryMove(delta, out var before, out var after) && before != after)
            {
                changed++;
            }
        }

        return changed;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync();
        // A short grace: requests still sleeping through their latency are aborted, not awaited.
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            try
            {
                await this.app.StopAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await this.app.DisposeAsync();
        stopping.Dispose();
    }

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value.AsSpan();
        if (!path.StartsWith(StorePrefix, StringComparison.Ordinal))
        {
            return NotFound(context);
        }

        var rest = path[StorePrefix.Length..];
        var slash = rest.IndexOf('/');
        var stores = Volatile.Read(ref this.stores);
        if (slash <= 0 || !int.TryParse(rest[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1 || id > stores.Length)
        {
            return NotFound(context);
        }

        var store = stores[id - 1];
        var page = rest[slash..];
        if (page.Equals("/includes/api.php", StringComparison.OrdinalIgnoreCase))
        {
            return HandleApiAsync(context, store);
        }

        if (page.Equals("/cart.php", StringComparison.OrdinalIgnoreCase)
            || page.Equals("/index.php", StringComparison.OrdinalIgnoreCase)
            || page.Equals("/login.php", StringComparison.OrdinalIgnoreCase))
        {
            return StorefrontPages.HandleAsync(context, store, page.ToString());
        }

        return NotFound(context);
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
