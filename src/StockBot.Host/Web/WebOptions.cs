using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace StockBot.Host.Web;

/// <summary>`Web:Urls` (off by default), with `Health:Urls`, its older name, used when it is empty.</summary>
public sealed class WebOptions
{
    public string? Urls { get; set; }

    public string? HealthUrls { get; set; }

    /// <summary>What the listener binds, or null: nothing listens.</summary>
    public string? Listen => !string.IsNullOrWhiteSpace(Urls) ? Urls.Trim() : !string.IsNullOrWhiteSpace(HealthUrls) ? HealthUrls.Trim() : null;

    internal static void Read(WebOptions options, IConfiguration configuration)
    {
        options.Urls = configuration["Web:Urls"];
        options.HealthUrls = configuration["Health:Urls"];
    }
}

/// <summary>Both names set to different listeners is a configuration error: there is one listener.</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options) =>
        !string.IsNullOrWhiteSpace(options.Urls) && !string.IsNullOrWhiteSpace(options.HealthUrls)
            && !string.Equals(options.Urls.Trim(), options.HealthUrls.Trim(), StringComparison.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Fail("Web:Urls and Health:Urls differ; there is one listener: set Web:Urls only (Health:Urls is its older name)")
            : ValidateOptionsResult.Success;
}
