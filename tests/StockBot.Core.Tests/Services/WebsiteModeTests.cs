using StockBot.Core.Websites;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Services;

public sealed class WebsiteModeTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task CreateAsync_StorefrontWithoutCredentials_StoresModeAndNoSecret()
    {
        await using var db = database.NewContext();

        var view = await database.Websites(db).CreateAsync(
            new WebsiteInput("Deals", "https://shop.example.com/", null, null, Mode: WebsiteMode.Storefront), CancellationToken.None);

        Assert.Equal(("storefront", "https://shop.example.com", string.Empty, string.Empty), (view.Mode, view.WebsiteUrl, view.ApiIdentifier, view.ApiSecret));
        Assert.Equal("storefront", database.Text("SELECT mode FROM websites"));
        Assert.Equal(string.Empty, database.Text("SELECT api_secret FROM websites"));
    }

    [Theory]
    [InlineData("IDENT", null, null, "api_identifier")]
    [InlineData(null, "secret", null, "api_secret")]
    [InlineData(null, null, "key", "api_access_key")]
    public async Task CreateAsync_StorefrontWithACredential_NamesTheFlagAndWritesNothing(string? identifier, string? secret, string? accessKey, string field)
    {
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InputException>(() => database.Websites(db).CreateAsync(
            new WebsiteInput("Deals", "https://shop.example.com", identifier, secret, null, accessKey, WebsiteMode.Storefront), CancellationToken.None));

        Assert.Equal(field, error.Field);
        Assert.Contains("storefront mode", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, database.Count("websites"));
    }

    [Theory]
    [InlineData(null, "secret", "api_identifier", "--api-identifier")]
    [InlineData("IDENT", null, "api_secret", "--api-secret")]
    public async Task CreateAsync_ApiWithoutACredential_NamesTheFlagAndWritesNothing(string? identifier, string? secret, string field, string flag)
    {
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InputException>(() => database.Websites(db).CreateAsync(
            new WebsiteInput("Shop", "https://shop.example.com", identifier, secret), CancellationToken.None));

        Assert.Equal(field, error.Field);
        Assert.Contains(flag, error.Message, StringComparison.Ordinal);
        Assert.Contains("--mode storefront", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, database.Count("websites"));
    }

    [Theory]
    [InlineData("https://billing.example.com/includes/api.php", "https://billing.example.com")]
    [InlineData("https://billing.example.com/cart.php", "https://billing.example.com")]
    [InlineData("https://billing.example.com/cart.php?a=add&pid=4", "https://billing.example.com")]
    [InlineData("https://billing.example.com/index.php?rp=/store/vps/small", "https://billing.example.com")]
    [InlineData("https://example.com/whmcs/cart.php?gid=2", "https://example.com/whmcs")]
    [InlineData("https://example.com/whmcs/", "https://example.com/whmcs")]
    [InlineData("https://billing.example.com/", "https://billing.example.com")]
    [InlineData("https://billing.example.com", "https://billing.example.com")]
    public async Task CreateAsync_PastedPage_StoresTheWhmcsRootInBothModes(string pasted, string stored)
    {
        await using var db = database.NewContext();
        var websites = database.Websites(db);

        var api = await websites.CreateAsync(new WebsiteInput("Api", pasted, "IDENT", "secret"), CancellationToken.None);
        var storefront = await websites.CreateAsync(new WebsiteInput("Store", pasted, null, null, Mode: WebsiteMode.Storefront), CancellationToken.None);

        Assert.Equal((stored, stored), (api.WebsiteUrl, storefront.WebsiteUrl));
    }

    [Fact]
    public async Task UpdateAsync_ToStorefront_DropsTheStoredCredentials()
    {
        var site = await database.AddWebsiteAsync();
        await using var db = database.NewContext();

        var updated = await database.Websites(db).UpdateAsync(site.Id, new WebsiteUpdate(Mode: WebsiteMode.Storefront), CancellationToken.None);

        Assert.Equal(("storefront", string.Empty), (updated.Mode, updated.ApiSecret));
        Assert.Equal(string.Empty, database.Text("SELECT api_secret FROM websites"));
    }

    [Fact]
    public async Task UpdateAsync_StorefrontToApiWithoutSecret_IsRefusedAndChangesNothing()
    {
        await using var db = database.NewContext();
        var websites = database.Websites(db);
        var site = await websites.CreateAsync(new WebsiteInput("Deals", "https://shop.example.com", null, null, Mode: WebsiteMode.Storefront), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InputException>(() =>
            websites.UpdateAsync(site.Id, new WebsiteUpdate(Mode: WebsiteMode.Api, ApiIdentifier: "IDENT"), CancellationToken.None));

        Assert.Equal("api_secret", error.Field);
        Assert.Equal("storefront", database.Text("SELECT mode FROM websites"));
    }

    [Fact]
    public async Task UpdateAsync_StorefrontToApiWithCredentials_ReadsTheApi()
    {
        await using var db = database.NewContext();
        var websites = database.Websites(db);
        var site = await websites.CreateAsync(new WebsiteInput("Deals", "https://shop.example.com", null, null, Mode: WebsiteMode.Storefront), CancellationToken.None);

        var updated = await websites.UpdateAsync(site.Id, new WebsiteUpdate(Mode: WebsiteMode.Api, ApiIdentifier: "IDENT", ApiSecret: "secret-0042"), CancellationToken.None);

        Assert.Equal(("api", "IDENT", "****0042"), (updated.Mode, updated.ApiIdentifier, updated.ApiSecret));
    }

    [Fact]
    public async Task UpdateAsync_SecretOnAStorefrontSite_IsRefused()
    {
        await using var db = database.NewContext();
        var websites = database.Websites(db);
        var site = await websites.CreateAsync(new WebsiteInput("Deals", "https://shop.example.com", null, null, Mode: WebsiteMode.Storefront), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InputException>(() =>
            websites.UpdateAsync(site.Id, new WebsiteUpdate(ApiSecret: "secret"), CancellationToken.None));

        Assert.Equal("api_secret", error.Field);
    }

    [Theory]
    [InlineData("API", WebsiteMode.Api)]
    [InlineData(" storefront ", WebsiteMode.Storefront)]
    public void Parse_KnownMode_IsAccepted(string typed, WebsiteMode expected) =>
        Assert.Equal(expected, WebsiteModes.Parse("mode", typed));

    [Fact]
    public void Parse_UnknownMode_NamesTheFieldAndTheAllowedValues()
    {
        var error = Assert.Throws<InputException>(() => WebsiteModes.Parse("mode", "scrape"));

        Assert.Equal("mode", error.Field);
        Assert.Contains("api", error.Detail, StringComparison.Ordinal);
        Assert.Contains("storefront", error.Detail, StringComparison.Ordinal);
    }
}
