using StockBot.Core.Security;
using StockBot.Whmcs;

namespace StockBot.Core.Websites;

public static class WebsiteCredentials
{
    /// <summary>What the WHMCS client needs of a website, secrets decrypted (throws CryptographicException on a wrong key).</summary>
    public static WhmcsCredentials For(Website website, SecretProtector protector) => new(
        new Uri(website.WebsiteUrl),
        website.ApiIdentifier,
        protector.Unprotect(website.ApiSecret),
        website.ApiAccessKey is null ? null : protector.Unprotect(website.ApiAccessKey));
}
