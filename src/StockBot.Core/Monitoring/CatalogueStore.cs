using System.Data;
using System.Data.Common;

namespace StockBot.Core.Monitoring;

/// <summary>A product a website's listing (or GetProducts without pid) showed this read.</summary>
public sealed record CatalogueEntry(int ProductId, string? Name, string? Group, bool? Available, int? Quantity, string? Price, string? BillingCycle);

/// <summary>
/// The website catalogue (website_products) inside the engine's per-website transaction: products listed for the
/// first time are inserted (and, after the website's first listing, become `product_new` events); what is known is
/// refreshed at most once per discovery interval, so a storefront read every cycle does not rewrite its catalogue.
/// </summary>
internal sealed class CatalogueStore
{
    private const string KnownSql = "SELECT p.product_id FROM website_products p WHERE p.website_id = @website";

    // Another instance (a `check` beside the bot) may have listed it first: then no row, and no second event.
    private const string InsertSql = """
        INSERT INTO website_products (website_id, product_id, name, group_name, available, quantity, price, billing_cycle, first_seen_at, last_seen_at)
        VALUES (@website, @product, @name, @group, @available, @quantity, @price, @cycle, @now, @now)
        ON CONFLICT (website_id, product_id) DO NOTHING
        RETURNING id
        """;

    private const string RefreshSql = """
        UPDATE website_products
        SET name = COALESCE(@name, name), group_name = COALESCE(@group, group_name), available = @available, quantity = @quantity,
            price = COALESCE(@price, price), billing_cycle = COALESCE(@cycle, billing_cycle), last_seen_at = @now
        WHERE website_id = @website AND product_id = @product
        """;

    private const string MarkReadSql = "UPDATE websites SET catalogue_read_at = @now WHERE id = @website";

    internal static readonly IReadOnlyList<string> Statements = [KnownSql, InsertSql, RefreshSql, MarkReadSql];

    private readonly DbCommand known, insert, refresh, markRead;
    private readonly DbParameter[] website;
    private readonly Row insertRow, refreshRow;
    private readonly DbParameter markNow;

    public CatalogueStore(MonitoringStore store)
    {
        known = store.Prepare(KnownSql);
        insert = store.Prepare(InsertSql);
        refresh = store.Prepare(RefreshSql);
        markRead = store.Prepare(MarkReadSql);
        website = [.. new[] { known, insert, refresh, markRead }.Select(c => MonitoringStore.Parameter(c, "@website"))];
        insertRow = new Row(insert);
        refreshRow = new Row(refresh);
        markNow = MonitoringStore.Parameter(markRead, "@now");
    }

    /// <summary>
    /// Records what the website listed; returns the catalogue rows of products new since an earlier listing.
    /// <paramref name="last"/> is the website's catalogue_read_at as the cycle loaded it (null: never listed).
    /// </summary>
    public List<(int WebsiteProductId, CatalogueEntry Entry)> Apply(int websiteId, DateTime? last, IReadOnlyList<CatalogueEntry> listed, DateTime now, TimeSpan refreshAfter)
    {
        foreach (var parameter in website)
        {
            parameter.Value = websiteId;
        }

        var first = last is null;
        var ids = new HashSet<int>();
        using (var reader = known.ExecuteReader(CommandBehavior.SingleResult))
        {
            while (reader.Read())
            {
                ids.Add(reader.GetInt32(0));
            }
        }

        var added = new List<(int, CatalogueEntry)>();
        var due = first || now - last!.Value >= refreshAfter;
        foreach (var entry in listed)
        {
            if (ids.Contains(entry.ProductId))
            {
                if (due)
                {
                    refreshRow.Bind(entry, now);
                    refresh.ExecuteNonQuery();
                }

                continue;
            }

            insertRow.Bind(entry, now);
            // The first listing of a website is its catalogue as it stands: recorded, never announced.
            if (insert.ExecuteScalar() is { } id && !first)
            {
                added.Add((Convert.ToInt32(id, CultureInfo.InvariantCulture), entry));
            }
        }

        if (due)
        {
            markNow.Value = now;
            markRead.ExecuteNonQuery();
        }

        return added;
    }

    /// <summary>The columns of one catalogue row, bound by name on an insert or a refresh.</summary>
    private sealed class Row(DbCommand command)
    {
        private readonly DbParameter product = MonitoringStore.Parameter(command, "@product");
        private readonly DbParameter name = MonitoringStore.Parameter(command, "@name");
        private readonly DbParameter group = MonitoringStore.Parameter(command, "@group");
        private readonly DbParameter available = MonitoringStore.Parameter(command, "@available");
        private readonly DbParameter quantity = MonitoringStore.Parameter(command, "@quantity");
        private readonly DbParameter price = MonitoringStore.Parameter(command, "@price");
        private readonly DbParameter cycle = MonitoringStore.Parameter(command, "@cycle");
        private readonly DbParameter now = MonitoringStore.Parameter(command, "@now");

        public void Bind(CatalogueEntry entry, DateTime at)
        {
            product.Value = entry.ProductId;
            name.Value = Text(entry.Name, 255);
            group.Value = Text(entry.Group, 255);
            available.Value = entry.Available is { } a ? a : DBNull.Value;
            quantity.Value = entry.Quantity is { } q ? q : DBNull.Value;
            price.Value = Text(entry.Price, 100);
            cycle.Value = Text(entry.BillingCycle, 50);
            now.Value = at;
        }

        private static object Text(string? value, int max) => value is { Length: > 0 } ? TextLimit.Clip(value, max) : DBNull.Value;
    }
}
