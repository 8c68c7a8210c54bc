using System.Net;
using System.Text.Json;

namespace StockBot.Web.Tests;

/// <summary>`GET /api/v1/public/monitors`, the page's raw HTML and headers, and Web:Urls / Health:Urls, over HttpClient.</summary>
public sealed class PublicApiTests : IAsyncLifetime
{
    private readonly HttpClient http = new();
    private WebSite site = null!;

    public async Task InitializeAsync() => site = await WebSite.CreateAsync();

    public async Task DisposeAsync()
    {
        http.Dispose();
        await site.DisposeAsync();
    }

    [Fact]
    public async Task PublicMonitors_AfterACycle_OnlyPublicActiveMonitorsInSnakeCase()
    {
        await site.AddMonitorAsync(1, "Public VPS", 3, isPublic: true);
        await site.AddMonitorAsync(2, "Private VPS", 5, isPublic: false);
        await site.AddMonitorAsync(3, "Paused VPS", 5, isPublic: true);
        await site.CliAsync("monitor", "pause", "3");
        await site.StartAsync();
        await site.Host.RunCycleAsync();

        using var response = await http.GetAsync(site.Url("/api/v1/public/monitors"));
        var body = await response.Content.ReadAsStringAsync();
        var row = Assert.Single(JsonDocument.Parse(body).RootElement.EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            ["product", "website", "region", "in_stock", "quantity", "price", "buy_url", "updated_at", "sparkline"],
            row.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Public VPS", row.GetProperty("product").GetString());
        Assert.Equal("Sim Host", row.GetProperty("website").GetString());
        Assert.Equal("EU-West", row.GetProperty("region").GetString());
        Assert.True(row.GetProperty("in_stock").GetBoolean());
        Assert.Equal(3, row.GetProperty("quantity").GetInt32());
        Assert.EndsWith("cart.php?a=add&pid=1", row.GetProperty("buy_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, row.GetProperty("sparkline").EnumerateArray().Last().GetInt32());
        Assert.DoesNotContain("web-secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ProductNamedScript_EscapedWithSecurityAndCacheHeaders()
    {
        await site.AddMonitorAsync(1, "<script>alert(1)</script>", 0, isPublic: true);
        await site.StartAsync();
        await site.Host.RunCycleAsync();

        using var response = await http.GetAsync(site.Url("/"));
        var html = await response.Content.ReadAsStringAsync();
        using var script = await http.GetAsync(site.Url("/app.js"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("Out of stock", html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(script.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Events_OnConnect_SendsTheSnapshot()
    {
        await site.AddMonitorAsync(1, "Streamed VPS", 2, isPublic: true);
        await site.StartAsync();

        using var response = await http.GetAsync(site.Url("/events"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.ReadLineAsync();
        var data = await reader.ReadLineAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("event: monitors", first);
        Assert.StartsWith("data: [{\"product\":\"Streamed VPS\"", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthUrls_Alone_StillServesHealthzAndThePage()
    {
        site.Host.Settings.Remove("Web:Urls");
        site.Host.Settings["Health:Urls"] = "http://127.0.0.1:0";
        await site.StartAsync();
        await site.Host.RunCycleAsync();

        using var healthz = await http.GetAsync(site.Url("/healthz"));
        using var page = await http.GetAsync(site.Url("/"));

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Run_WebUrlsAndHealthUrlsDiffer_OneLineNamingBothExitTwo()
    {
        site.Host.Settings["Web:Urls"] = "http://127.0.0.1:8080";
        site.Host.Settings["Health:Urls"] = "http://127.0.0.1:9090";

        var result = await site.Host.Cli.RunAsync("run");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("Web:Urls", line, StringComparison.Ordinal);
        Assert.Contains("Health:Urls", line, StringComparison.Ordinal);
    }
}
