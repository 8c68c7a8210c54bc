using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using StockBot.Core.Security;
using StockBot.Core.Websites;

namespace StockBot.Core.Tests.Services;

public sealed class SecretTests : IDisposable
{
    private readonly TestDatabase database = new();
    private readonly TempFolder folder = new("stockbot-key-");

    public void Dispose()
    {
        database.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void Protect_SameSecretTwice_GivesDifferentCiphertextThatRoundTrips()
    {
        var protector = new SecretProtector(TestDatabase.Key);

        var first = protector.Protect("abc");
        var second = protector.Protect("abc");

        Assert.NotEqual(first, second);
        Assert.Equal("abc", protector.Unprotect(second));
    }

    [Fact]
    public void Unprotect_WithAnotherKey_FailsWithAClearMessage()
    {
        var stored = new SecretProtector(TestDatabase.Key).Protect("abc");

        var error = Assert.Throws<CryptographicException>(() => new SecretProtector(RandomNumberGenerator.GetBytes(32)).Unprotect(stored));

        Assert.Contains("encryption key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoConfiguredKey_CreatesAPrivateKeyFileBesideTheDatabaseAndReusesIt()
    {
        var databasePath = folder.File("stockbot.db");

        var first = EncryptionKeyProvider.Resolve(null, databasePath);
        var second = EncryptionKeyProvider.Resolve(null, databasePath);

        var keyFile = folder.File(EncryptionKeyProvider.KeyFileName);
        Assert.Equal(first, second);
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }

    [Fact]
    public void Parse_KeyOfWrongLength_NamesTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EncryptionKeyProvider.Parse(Convert.ToBase64String(new byte[16])));

        Assert.StartsWith("Security:EncryptionKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_WebsiteVariables_CreateOnceAndUpdateByName()
    {
        var settings = new Dictionary<string, string?>
        {
            ["WEBSITE_1_NAME"] = "Main Site",
            ["WEBSITE_1_URL"] = "https://billing1.example.com",
            ["WEBSITE_1_API_ID"] = "identifier1",
            ["WEBSITE_1_API_SECRET"] = "secret1-abcdef",
            ["WEBSITE_2_NAME"] = "Secondary Site",
            ["WEBSITE_2_URL"] = "https://billing2.example.com",
            ["WEBSITE_2_API_ID"] = "identifier2",
            ["WEBSITE_2_API_SECRET"] = "secret2-abcdef",
            ["WEBSITE_2_REGION"] = "EU-West",
        };

        var first = await ImportAsync(settings);
        var again = await ImportAsync(settings);
        settings["WEBSITE_2_URL"] = "https://new.example.com";
        await ImportAsync(settings);

        Assert.All(first, s => Assert.True(s.Created));
        Assert.All(again, s => Assert.False(s.Created));
        await using var db = database.NewContext();
        var sites = await database.Websites(db).ListAsync(CancellationToken.None);
        Assert.Equal(["Main Site", "Secondary Site"], sites.Select(s => s.Name));
        Assert.Equal("https://new.example.com", sites[1].WebsiteUrl);
        Assert.Equal("EU-West", sites[1].Region);
    }

    [Fact]
    public async Task ImportAsync_LegacyVariables_BecomeMainSite()
    {
        var sites = await ImportAsync(new Dictionary<string, string?>
        {
            ["WHMCS_API_URL"] = "https://billing.example.com/includes/api.php",
            ["WHMCS_API_IDENTIFIER"] = "legacy-id",
            ["WHMCS_API_SECRET"] = "legacy-secret",
        });

        await using var db = database.NewContext();
        var site = await database.Websites(db).GetAsync(sites.Single().Id, CancellationToken.None);
        Assert.Equal(("Main Site", "https://billing.example.com"), (site.Name, site.WebsiteUrl));
    }

    [Fact]
    public async Task ImportAsync_BadUrl_NamesTheVariableNotTheValue()
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ImportAsync(new Dictionary<string, string?>
        {
            ["WEBSITE_3_NAME"] = "Broken",
            ["WEBSITE_3_URL"] = "billing.example.com",
            ["WEBSITE_3_API_ID"] = "id",
            ["WEBSITE_3_API_SECRET"] = "topsecret",
        }));

        Assert.Equal("WEBSITE_3_URL", error.Field);
        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<ImportedWebsite>> ImportAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var db = database.NewContext();
        return await new EnvironmentWebsiteImporter(database.Websites(db), configuration).ImportAsync(CancellationToken.None);
    }
}
