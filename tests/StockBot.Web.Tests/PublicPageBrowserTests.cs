using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StockBot.Testing;

namespace StockBot.Web.Tests;

/// <summary>
/// The public stock page in Debian's headless Chromium, driven by Playwright, on the real host and the WHMCS
/// simulator. Waits are Playwright's auto-waiting assertions; nothing sleeps. Skipped when /usr/bin/chromium is missing.
/// </summary>
public sealed class PublicPageBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly TempFolder profile = new("stockbot-chromium-");
    private WebSite site = null!;
    private IPlaywright? playwright;
    private IBrowserContext? browser;

    public async Task InitializeAsync() => site = await WebSite.CreateAsync();

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await site.DisposeAsync();
        profile.Dispose();
    }

    [SkippableFact]
    public async Task Page_SomeMonitorsPublic_ListsExactlyThePublicOnes()
    {
        await site.AddMonitorAsync(1, "Alpha VPS", 4, isPublic: true);
        await site.AddMonitorAsync(2, "Hidden VPS", 4, isPublic: false);
        await site.AddMonitorAsync(3, "Beta VPS", 0, isPublic: true);
        await site.StartAsync();
        await site.Host.RunCycleAsync();
        var page = await OpenAsync(1280, 800);

        await Assertions.Expect(page.Locator(".monitor .product")).ToHaveTextAsync(["Alpha VPS", "Beta VPS"]);
        await Assertions.Expect(page.Locator(".monitor").Nth(0).Locator(".stock")).ToHaveTextAsync("4 in stock");
        await Assertions.Expect(page.Locator(".monitor").Nth(1).Locator(".stock")).ToHaveTextAsync("Out of stock");
        await Assertions.Expect(page.Locator(".monitor .region").First).ToHaveTextAsync("EU-West");
        await Assertions.Expect(page.Locator(".monitor .buy").First).ToHaveAttributeAsync("href", new Regex(@"cart\.php\?a=add&pid=1$"));
        await Assertions.Expect(page.GetByText("Hidden VPS")).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task Page_CycleWithAStockChange_RowUpdatesWithoutAReload()
    {
        await site.AddMonitorAsync(1, "Live VPS", 0, isPublic: true);
        await site.StartAsync();
        await site.Host.RunCycleAsync();
        var page = await OpenAsync(1280, 800);
        await Assertions.Expect(page.Locator(".monitor .stock")).ToHaveTextAsync("Out of stock");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "stream");
        await page.EvaluateAsync("() => { window.sameDocument = 'yes'; }");

        site.Store.SetStock(1, 7);
        await site.Host.RunCycleAsync();

        await Assertions.Expect(page.Locator(".monitor .stock")).ToHaveTextAsync("7 in stock");
        await Assertions.Expect(page.Locator(".monitor")).ToHaveClassAsync("monitor in");
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.sameDocument"));
    }

    [SkippableFact]
    public async Task Page_ProductNamedScript_ShownAsTextAndNoDialogFires()
    {
        const string name = "<script>alert(1)</script>";
        await site.AddMonitorAsync(1, name, 2, isPublic: true);
        await site.StartAsync();
        await site.Host.RunCycleAsync();
        var dialogs = 0;
        var page = await OpenAsync(1280, 800, p => p.Dialog += (_, dialog) =>
        {
            Interlocked.Increment(ref dialogs);
            _ = dialog.DismissAsync();
        });
        await Assertions.Expect(page.Locator(".monitor .product")).ToHaveTextAsync(name);

        // The live path draws the row again from JSON: still text.
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "stream");
        site.Store.SetStock(1, 5);
        await site.Host.RunCycleAsync();
        await Assertions.Expect(page.Locator(".monitor .stock")).ToHaveTextAsync("5 in stock");

        await Assertions.Expect(page.Locator(".monitor .product")).ToHaveTextAsync(name);
        Assert.Equal(0, await page.Locator(".monitor script").CountAsync());
        Assert.Equal(0, Volatile.Read(ref dialogs));
    }

    [SkippableFact]
    public async Task Page_PhoneWidth_NoHorizontalScrollAndRowsReadable()
    {
        await site.AddMonitorAsync(1, "AMD-EPYC-Genoa-KVM-Storage-Optimised-NVMe-Plan-With-A-Very-Long-Name-2TB", 12, isPublic: true);
        await site.AddMonitorAsync(2, "Small VPS", 0, isPublic: true);
        await site.StartAsync();
        await site.Host.RunCycleAsync();
        var page = await OpenAsync(375, 667);
        await Assertions.Expect(page.Locator(".monitor")).ToHaveCountAsync(2);

        var scrollWidth = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        var rows = await page.Locator(".monitor").AllAsync();

        Assert.True(scrollWidth <= 375, $"the page is {scrollWidth}px wide at 375px");
        foreach (var row in rows)
        {
            var box = await row.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 375, $"a row spans {box.X}..{box.X + box.Width}px");
            var fontSize = await row.Locator(".stock").EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
            Assert.True(double.Parse(fontSize.Replace("px", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture) >= 14, $"stock text at {fontSize}");
        }
    }

    private async Task<IPage> OpenAsync(int width, int height, Action<IPage>? prepare = null)
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (apt-get install chromium) to run the browser tests");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Timeout = 60_000,
        });
        browser.SetDefaultTimeout(30_000);
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
        prepare?.Invoke(page);
        await page.GotoAsync(site.Url("/").ToString());
        return page;
    }
}
