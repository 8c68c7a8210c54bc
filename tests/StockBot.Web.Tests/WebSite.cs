using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StockBot.Host.Web;
using StockBot.Simulator;
using StockBot.Testing;

namespace StockBot.Web.Tests;

/// <summary>
/// The real service host with Web:Urls on a free loopback port, against a WHMCS simulator store with one website
/// (region EU-West). Monitors are added with the real CLI; <see cref="StartAsync"/> starts the host.
/// </summary>
public sealed class WebSite : IAsyncDisposable
{
    private WhmcsSimulator? simulator;

    public StockBotHostHarness Host { get; } = new("stockbot-web-");

    public SimulatedStore Store { get; private set; } = null!;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<WebSite> CreateAsync()
    {
        var site = new WebSite();
        site.simulator = await WhmcsSimulator.StartAsync();
        site.Store = site.simulator.AddStore("web-id", "web-secret-4471");
        site.Host.Settings["Web:Urls"] = "http://127.0.0.1:0";
        await site.CliAsync("website", "add", "--name", "Sim Host", "--url", site.Store.WebsiteUrl.ToString(), "--api-identifier", site.Store.Identifier,
            "--api-secret", site.Store.Secret, "--region", "EU-West");
        return site;
    }

    /// <summary>A monitor of product <paramref name="pid"/> (added to the store with <paramref name="stock"/>), public or not.</summary>
    public async Task AddMonitorAsync(int pid, string name, int? stock, bool isPublic)
    {
        Store.AddProduct(pid, name, stock);
        await CliAsync("monitor", "add", "--website", "1", "--product", pid.ToString(CultureInfo.InvariantCulture), "--name", name);
        if (isPublic)
        {
            await CliAsync("monitor", "update", MonitorCount.ToString(CultureInfo.InvariantCulture), "--public", "true");
        }
    }

    private int MonitorCount => (int)Host.Database.Count("monitor_configs");

    public async Task<CliResult> CliAsync(params string[] args)
    {
        var result = await Host.Cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"stockbot {string.Join(' ', args)}: {result.Error}");
        return result;
    }

    public async Task StartAsync()
    {
        await Host.StartAsync();
        var web = Host.Services.GetServices<IHostedService>().OfType<WebEndpoint>().Single();
        BaseUrl = new Uri(web.Urls.Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (simulator is not null)
        {
            await simulator.DisposeAsync();
        }
    }
}
