using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace StockBot.Simulator;

/// <summary>Just enough of WHMCS's cart.php for a storefront check without API credentials.</summary>
internal static class StorefrontPages
{
    private const string ConfigureLocation = "cart.php?a=confproduct&i=0";

    public static Task HandleCartAsync(HttpContext context, SimulatedStore store)
    {
        var query = context.Request.Query;
        var action = query["a"].ToString();
        if (string.Equals(action, "add", StringComparison.OrdinalIgnoreCase))
        {
            var product = int.TryParse(query["pid"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? store.Find(pid) : null;
            if (product is null)
            {
                // WHMCS sends an unknown product back to the product listing.
                return Redirect(context, "cart.php");
            }

            if (product.Stock == 0)
            {
                return HtmlAsync(context,
                    $"<h1>Out of Stock</h1><p>We are sorry, but {product.HtmlName} is currently out of stock. Please check back later.</p>");
            }

            return Redirect(context, ConfigureLocation);
        }

        if (string.Equals(action, "confproduct", StringComparison.OrdinalIgnoreCase))
        {
            return HtmlAsync(context, "<h1>Configure</h1><p>Configure your desired options and continue to checkout.</p>");
        }

        var listing = new StringBuilder("<h1>Shopping Cart</h1>");
        foreach (var item in store.Products)
        {
            listing.Append(CultureInfo.InvariantCulture, $"<div class=\"product\" id=\"product{item.PidText}\"><header><span>{item.HtmlName}</span>");
            if (item.Stock is { } level)
            {
                listing.Append(CultureInfo.InvariantCulture, $"<span class=\"qty\">{level} Available</span>");
            }

            listing.Append("</header></div>");
        }

        return HtmlAsync(context, listing.ToString());
    }

    private static Task Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private static Task HtmlAsync(HttpContext context, string body)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"<!DOCTYPE html><html><head><title>Shopping Cart</title></head><body>{body}</body></html>", context.RequestAborted);
    }
}
