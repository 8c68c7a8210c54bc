using StockBot.Testing;
namespace StockBot.Host.Tests;

public class WebsiteModeCliTests : IDisposable
{
    private readonly CliHarness cli;


    public WebsiteModeCliTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected WebsiteModeCliTests(TestProvider provider) => cli = new CliHarness(provider);
    public void Dispose()
    {
        cli.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task WebsiteAdd_StorefrontWithoutCredentials_ListsItsModeInJsonAndText()
    {
        await cli.RunAsync("db", "init");

        var added = await cli.RunAsync("website", "add", "--name", "Deals", "--url", "https://shop.example.com/cart.php?gid=1", "--mode", "storefront", "--json");
        var api = await cli.RunAsync("website", "add", "--name", "Own", "--url", "https://billing.example.com/includes/api.php", "--api-identifier", "I", "--api-secret", "secret-1234");
        var json = await cli.RunAsync("website", "list", "--json");
        var text = await cli.RunAsync("website", "list");

        Assert.Equal((0, 0), (added.ExitCode, api.ExitCode));
        Assert.Equal(("storefront", "https://shop.example.com"), (added.Json.GetProperty("mode").GetString(), added.Json.GetProperty("website_url").GetString()));
        Assert.Equal(["storefront", "api"], json.Json.EnumerateArray().Select(w => w.GetProperty("mode").GetString()));
        Assert.Equal("https://billing.example.com", json.Json[1].GetProperty("website_url").GetString());
        Assert.Contains("MODE", text.Out, StringComparison.Ordinal);
        Assert.Contains("storefront", text.Out, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task WebsiteUpdate_Mode_SwitchesBothWays()
    {
        await cli.RunAsync("db", "init");
        await cli.RunAsync("website", "add", "--name", "Own", "--url", "https://billing.example.com", "--api-identifier", "I", "--api-secret", "secret-1234");

        var toStorefront = await cli.RunAsync("website", "update", "1", "--mode", "storefront", "--json");
        var backWithout = await cli.RunAsync("website", "update", "1", "--mode", "api");
        var back = await cli.RunAsync("website", "update", "1", "--mode", "api", "--api-identifier", "I", "--api-secret", "secret-5678", "--json");

        Assert.Equal("storefront", toStorefront.Json.GetProperty("mode").GetString());
        Assert.Equal(2, backWithout.ExitCode);
        Assert.Contains("--api-identifier", Assert.Single(backWithout.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(("api", "****5678"), (back.Json.GetProperty("mode").GetString(), back.Json.GetProperty("api_secret").GetString()));
    }
}
