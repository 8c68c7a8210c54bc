using System.Diagnostics;
using System.Globalization;
using System.Text;
using StockBot.Simulator;
using StockBot.Simulator.Storefront;
using StockBot.Storefront;

namespace StockBot.Bench;

/// <summary>
/// The storefront reader's CPU on one listing page, per order-form family and per step, in one thread with no I/O:
/// where the per-monitor cost of storefront mode goes (`--storefront-parse`).
/// </summary>
internal static class ParseProfile
{
    private static readonly StorefrontTemplate[] Templates =
    [
        StorefrontTemplate.StandardCart, StorefrontTemplate.PremiumComparison, StorefrontTemplate.PureComparison, StorefrontTemplate.UniversalSlider,
        StorefrontTemplate.SupremeComparison, StorefrontTemplate.CloudSlider, StorefrontTemplate.Lagom, StorefrontTemplate.LegacyBoxes,
    ];

    public static async Task<string> RunAsync(BenchOptions options, CancellationToken ct)
    {
        await using var simulator = await WhmcsSimulator.StartAsync(cancellationToken: ct);
        using var client = new HttpClient();
        var text = new StringBuilder();
        var fetchSteps = string.Empty;
        var iterations = options.Quick ? 500 : 3000;
        text.AppendLine(CultureInfo.InvariantCulture, $"storefront parse profile: one listing page of {options.Products / options.Groups} products per family, {iterations} iterations, us (KiB allocated) per page");
        text.AppendLine("family               bytes  form   parse          blocks        groups        whole page     order form only");
        foreach (var template in Templates)
        {
            var store = simulator.AddStore($"parse-{template}", "unused");
            store.Storefront.Template = template;
            for (var p = 1; p <= options.Products; p++)
            {
                store.AddProduct(p, $"Plan {p}", p % 7 == 0 ? 0 : p, gid: ((p - 1) % options.Groups) + 1);
            }

            var root = store.WebsiteUrl;
            var page = new Uri(root + "/cart.php?gid=1&language=english");
            var html = await client.GetStringAsync(page, ct);
            var parse = Measure(iterations, () => PageParser.Parse(html).Dispose());
            using var document = PageParser.Parse(html);
            var blocks = Measure(iterations, () => ProductBlocks.Parse(document, page));
            var groups = Measure(iterations, () => GroupLinks.Parse(document, page, root));
            var all = Measure(iterations, () =>
            {
                using var d = PageParser.Parse(html);
                _ = ListingPage.Parse(d, page, root);
            });
            var form = OrderForm.Locate(html)?.Length ?? 0;
            var trimmed = Measure(iterations, () =>
            {
                using var d = PageParser.ParseOrderForm(html) ?? PageParser.Parse(html);
                _ = ProductBlocks.Parse(d, page);
            });
            text.AppendLine(CultureInfo.InvariantCulture, $"{template,-20} {html.Length,6} {form,5}  {parse}  {blocks}  {groups}  {all}  {trimmed}");
            if (template == StorefrontTemplate.StandardCart)
            {
                fetchSteps = FetchSteps(iterations, html, page);
            }
        }

        text.Append(fetchSteps);

        return text.ToString();
    }

    /// <summary>What the fetcher does per page besides HTTP and parsing: the failure checks, the URL, the cookie jar.</summary>
    private static string FetchSteps(int iterations, string html, Uri page)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        var checks = Measure(iterations, () => StorefrontFailures.FromResponse(response, html, page, null));
        // What a document costs before any of its HTML: the floor of parsing each block on its own.
        var empty = Measure(iterations, () => PageParser.Parse("<div id=\"x\"></div>").Dispose());
        var url = Measure(iterations, () => StorefrontFetcher.WithEnglish(page));
        var jar = new System.Net.CookieContainer();
        var cookies = Measure(iterations, () =>
        {
            jar.SetCookies(page, "WHMCSsim=s1-abc; path=/; HttpOnly");
            _ = jar.GetCookieHeader(page);
        });
        return string.Create(CultureInfo.InvariantCulture, $"fetch steps (standard_cart page): failure checks {checks}, an empty document {empty}, language URL {url}, cookie jar {cookies}\n");
    }

    private static string Measure(int iterations, Action step)
    {
        for (var i = 0; i < Math.Min(iterations, 1000); i++)
        {
            step();
        }

        // Process CPU, not wall time: on a shared machine the thread waits for a core, which is not the reader's cost.
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            step();
        }

        process.Refresh();
        var us = (process.TotalProcessorTime - cpu).TotalMicroseconds / iterations;
        var kib = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / iterations;
        return string.Create(CultureInfo.InvariantCulture, $"{us,6:F1} ({kib,5:F1})");
    }
}
