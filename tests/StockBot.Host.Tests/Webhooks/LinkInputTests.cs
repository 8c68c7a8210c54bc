using StockBot.Testing.Discord;

namespace StockBot.Host.Tests.Webhooks;

/// <summary>Links a person types are stored in their RFC 3986 form, the form Discord and Telegram accept, from the CLI as from chat.</summary>
public sealed class LinkInputTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task MonitorAdd_PurchaseLinkWithSpacesBracesPipeAndUmlaut_StoresAWellFormedUrl()
    {
        await cli.RunAsync("website", "add", "--name", "Site", "--url", "https://billing.example.com", "--api-identifier", "I", "--api-secret", "secret-value-1");

        var added = await cli.RunAsync("monitor", "add", "--website", "1", "--product", "1", "--purchase-link", "https://x.example/cart.php?a=add&pid=1&x={a b}|ü", "--json");

        Assert.Equal(0, added.ExitCode);
        const string expected = "https://x.example/cart.php?a=add&pid=1&x=%7Ba%20b%7D%7C%C3%BC";
        Assert.Equal(expected, cli.Scalar("SELECT purchase_link FROM monitor_configs WHERE id = 1"));
        Assert.True(FakeMessageRules.WellFormed(expected));
    }

    [Fact]
    public async Task MonitorUpdate_PurchaseLinkWithAnglesAndQuotes_StoresAWellFormedUrl()
    {
        await cli.RunAsync("website", "add", "--name", "Site", "--url", "https://billing.example.com", "--api-identifier", "I", "--api-secret", "secret-value-1");
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "1");

        var updated = await cli.RunAsync("monitor", "update", "1", "--purchase-link", "https://x.example/store/<vps> \"big\"");

        Assert.Equal(0, updated.ExitCode);
        Assert.Equal("https://x.example/store/%3Cvps%3E%20%22big%22", cli.Scalar("SELECT purchase_link FROM monitor_configs WHERE id = 1"));
    }

    [Fact]
    public async Task WebsiteAdd_InternationalHostAndPathWithSpace_StoresPunycodeAndPercentEncoding()
    {
        var added = await cli.RunAsync("website", "add", "--name", "Bücher", "--url", "https://bücher.example/my billing/", "--api-identifier", "I", "--api-secret", "secret-value-1");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal("https://xn--bcher-kva.example/my%20billing", cli.Scalar("SELECT website_url FROM websites WHERE id = 1"));
    }
}
