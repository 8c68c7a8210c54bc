using StockBot.Core.Alerts;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Monitors;
using StockBot.Core.Subscriptions;

namespace StockBot.Core.Monitoring;

/// <summary>`product_new`: a product id a website lists for the first time, as an event of its catalogue and its alerts.</summary>
internal static class NewProducts
{
    /// <summary>One event per new product, alerting the subscriptions of the website and of everything that take `new`.</summary>
    public static void Add(Website website, List<(int WebsiteProductId, CatalogueEntry Entry)> added, IReadOnlyList<OutboxSubscription> subscriptions, WebsiteWrite write)
    {
        // No monitor covers a product nobody monitors yet: monitor-scoped subscriptions never match id 0.
        var scope = new AlertingMonitor(0, website.Id, SubscriptionEventKinds.New);
        foreach (var (id, entry) in added)
        {
            var index = write.Histories.Count;
            var e = new MonitorEventDraft(MonitorEventType.ProductNew, null, entry.Quantity ?? 0, 0, null, null, null, Describe(website, entry));
            write.Histories.Add((null, e, null, id));
            AlertOutbox.Enqueue(MonitorEventType.ProductNew, e.ToQuantity, scope, subscriptions, index, write.Deliveries);
        }
    }

    /// <summary>The alert of a `product_new` event, from its catalogue row.</summary>
    public static Alert ToAlert(MonitorHistory history, WebsiteProduct listed)
    {
        var website = listed.Website!;
        return new Alert(
            history.Id,
            AlertKind.NewProduct,
            0,
            listed.Name ?? $"Product {listed.ProductId}",
            listed.ProductId,
            website.Name,
            website.Region,
            null,
            history.ToQuantity,
            0,
            listed.Quantity is not null,
            null,
            history.CreatedAt,
            BuyLink.For(website.WebsiteUrl, listed.ProductId, null),
            history.Message);
    }

    /// <summary>"Newly listed in VPS: $5.00 USD Monthly, 3 in stock."</summary>
    private static string Describe(Website website, CatalogueEntry entry)
    {
        var where = entry.Group is { Length: > 0 } group && website.Mode == WebsiteMode.Storefront ? $"Newly listed in {group}" : $"Newly listed on {website.Name}";
        var price = entry.Price is { } p ? $": {p}{(entry.BillingCycle is { } cycle ? " " + cycle : string.Empty)}" : string.Empty;
        var stock = entry.Available switch
        {
            false => "out of stock",
            true when entry.Quantity is { } q => $"{q} in stock",
            true => "in stock",
            null => "stock not shown",
        };
        return $"{where}{price}, {stock}.";
    }
}
