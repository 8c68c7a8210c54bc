using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace StockBot.Core.Websites;

public sealed record ImportedWebsite(int Id, string Name, bool Created);

/// <summary>
/// Creates or updates websites from WEBSITE_&lt;n&gt;_NAME|URL|API_ID|API_SECRET|REGION and the
/// legacy single-site WHMCS_API_URL|WHMCS_API_IDENTIFIER|WHMCS_API_SECRET ("Main Site"), matched by name.
/// </summary>
public sealed partial class EnvironmentWebsiteImporter(WebsiteService websites, IConfiguration configuration)
{
    public const string LegacyName = "Main Site";

    public async Task<IReadOnlyList<ImportedWebsite>> ImportAsync(CancellationToken cancellationToken)
    {
        var results = new List<ImportedWebsite>();
        foreach (var (prefix, input) in ReadDefinitions())
        {
            try
            {
                results.Add(await UpsertAsync(input, cancellationToken));
            }
            catch (InputException ex)
            {
                // Name the variable, never its value: it may be the secret.
                throw new InputException(VariableFor(prefix, ex.Field), ex.Detail);
            }
        }

        return results;
    }

    private async Task<ImportedWebsite> UpsertAsync(WebsiteInput input, CancellationToken cancellationToken)
    {
        var existing = await websites.FindByNameAsync(input.Name.Trim(), cancellationToken);
        if (existing is null)
        {
            var created = await websites.CreateAsync(input, cancellationToken);
            return new ImportedWebsite(created.Id, created.Name, true);
        }

        var changed = existing.WebsiteUrl != WebsiteUrls.Root(input.WebsiteUrl)
            || existing.Mode != WebsiteMode.Api
            || existing.ApiIdentifier != input.ApiIdentifier?.Trim()
            || (input.Region is not null && existing.Region != input.Region.Trim())
            || websites.RevealSecret(existing) != input.ApiSecret?.Trim();
        if (changed)
        {
            await websites.UpdateAsync(
                existing.Id,
                new WebsiteUpdate(WebsiteUrl: input.WebsiteUrl, ApiIdentifier: input.ApiIdentifier, ApiSecret: input.ApiSecret, Region: input.Region, Mode: WebsiteMode.Api),
                cancellationToken);
        }

        return new ImportedWebsite(existing.Id, existing.Name, false);
    }

    private IEnumerable<(string Prefix, WebsiteInput Input)> ReadDefinitions()
    {
        var numbers = configuration.AsEnumerable()
            .Select(pair => WebsiteKey().Match(pair.Key))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Distinct()
            .Order();
        foreach (var n in numbers)
        {
            var prefix = $"WEBSITE_{n}_";
            string Get(string suffix) => configuration[prefix + suffix] ?? string.Empty;
            if (string.IsNullOrWhiteSpace(Get("NAME")) && string.IsNullOrWhiteSpace(Get("URL")))
            {
                continue;
            }

            yield return (prefix, new WebsiteInput(
                Get("NAME"),
                Get("URL"),
                Get("API_ID"),
                Get("API_SECRET"),
                string.IsNullOrWhiteSpace(Get("REGION")) ? null : Get("REGION")));
        }

        var legacyUrl = configuration["WHMCS_API_URL"];
        if (!string.IsNullOrWhiteSpace(legacyUrl))
        {
            yield return ("WHMCS_API_", new WebsiteInput(
                LegacyName,
                legacyUrl,
                configuration["WHMCS_API_IDENTIFIER"] ?? string.Empty,
                configuration["WHMCS_API_SECRET"] ?? string.Empty));
        }
    }

    private static string VariableFor(string prefix, string field)
    {
        var legacy = prefix == "WHMCS_API_";
        return field switch
        {
            "website_url" => legacy ? "WHMCS_API_URL" : prefix + "URL",
            "api_identifier" => legacy ? "WHMCS_API_IDENTIFIER" : prefix + "API_ID",
            "api_secret" => legacy ? "WHMCS_API_SECRET" : prefix + "API_SECRET",
            "region" => prefix + "REGION",
            _ => legacy ? "WHMCS_API_URL" : prefix + "NAME",
        };
    }

    [GeneratedRegex(@"^WEBSITE_(\d+)_(NAME|URL|API_ID|API_SECRET|REGION)$", RegexOptions.IgnoreCase)]
    private static partial Regex WebsiteKey();
}
