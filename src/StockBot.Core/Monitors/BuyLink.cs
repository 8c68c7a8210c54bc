namespace StockBot.Core.Monitors;

public static class BuyLink
{
    /// <summary>The monitor's own purchase link, else the WHMCS cart link for the product.</summary>
    public static string For(string websiteUrl, int productId, string? purchaseLink) =>
        !string.IsNullOrWhiteSpace(purchaseLink)
            ? purchaseLink
            : $"{websiteUrl.TrimEnd('/')}/cart.php?a=add&pid={productId}";
}
