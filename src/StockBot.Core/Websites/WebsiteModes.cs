namespace StockBot.Core.Websites;

/// <summary>The website mode as people type it, and what each mode asks of the other fields.</summary>
public static class WebsiteModes
{
    public const string Allowed = "api (the WHMCS API, with credentials) or storefront (the public order pages, no credentials)";

    /// <summary>"api" or "storefront", in any case; anything else is bad input naming the field.</summary>
    public static WebsiteMode Parse(string field, string? value)
    {
        var typed = value?.Trim().ToLowerInvariant();
        foreach (var mode in Enum.GetValues<WebsiteMode>())
        {
            if (mode.ToDb() == typed)
            {
                return mode;
            }
        }

        throw new InputException(field, $"must be {Allowed}");
    }

    /// <summary>A value given for a field that storefront mode has no use for: bad input, nothing written.</summary>
    internal static InputException NotInStorefront(string field) =>
        new(field, $"is not used in storefront mode, which reads the public order pages without credentials; leave out {Flag(field)} (or use --mode api)");

    internal static InputException NeededInApi(string field) =>
        new(field, $"is needed in api mode; give {Flag(field)}, or use --mode storefront to read the public order pages without credentials");

    private static string Flag(string field) => field == "api_access_key" ? "--access-key" : "--" + field.Replace('_', '-');
}
