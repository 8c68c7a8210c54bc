using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StockBot.Simulator;
using StockBot.Testing.Logging;

namespace StockBot.Whmcs.Tests;

public sealed class WhmcsClientTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string Secret = "s3cr3t-Value-42";

    private WhmcsSimulator Simulator => fixture.Simulator;

    private SimulatedStore NewStore(string? accessKey = null)
    {
        var store = Simulator.AddStore("ident-" + Guid.NewGuid().ToString("N")[..8], Secret, accessKey);
        store.AddProduct(101, "Starter", 10);
        store.AddProduct(102, "Pro", 0, gid: 2);
        store.AddProduct(103, "Unlimited", null, gid: 3);
        store.AddProduct(104, "Dedicated", 3, gid: 4);
        return store;
    }

    [Fact]
    public async Task GetProductsAsync_ListOfPids_ReadsAllInOneRequest()
    {
        var store = NewStore();
        using var host = ClientHost.Create();

        var result = await host.Client.GetProductsAsync(store.Credentials(), [104, 101, 103], CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal([101, 103, 104], result.Products.Select(p => p.Pid).Order());
        Assert.Equal(1, store.RequestCount);
        Assert.Equal([101, 103, 104], store.LastRequestedPids!);
    }

    [Fact]
    public async Task GetProductsAsync_NoPids_ReadsEveryProduct()
    {
        var store = NewStore();
        using var host = ClientHost.Create();

        var result = await host.Client.GetProductsAsync(store.Credentials(), null, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal(4, result.Products.Count);
        Assert.Null(store.LastRequestedPids);
    }

    [Fact]
    public async Task GetProductsAsync_EmptyPidList_SendsNothing()
    {
        var store = NewStore();
        using var host = ClientHost.Create();

        var result = await host.Client.GetProductsAsync(store.Credentials(), [], CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Empty(result.Products);
        Assert.Equal(0, store.RequestCount);
    }

    [Theory]
    [InlineData(StockFieldStyle.Integer)]
    [InlineData(StockFieldStyle.NumericString)]
    [InlineData(StockFieldStyle.QuantityAvailable)]
    public async Task GetProductsAsync_StockFieldStyle_ReadsQuantity(StockFieldStyle style)
    {
        var store = NewStore();
        store.StockStyle = style;
        using var host = ClientHost.Create();

        var result = await host.Client.GetProductsAsync(store.Credentials(), [101, 104], CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        var starter = Assert.Single(result.Products, p => p.Pid == 101);
        Assert.Equal(
            new WhmcsProduct(101, 1, "Starter", "hostingaccount", true, 10, $"{store.WebsiteUrl}/cart.php?a=add&pid=101") { Price = new WhmcsPrice("$", " USD", 5.00m, "monthly") },
            starter);
        Assert.True(starter.Available);
        var dedicated = Assert.Single(result.Products, p => p.Pid == 104);
        Assert.Equal(4, dedicated.Gid);
        Assert.Equal(3, dedicated.Quantity);
    }

    [Fact]
    public async Task GetProductsAsync_StockControlOff_QuantityNullAndAvailable()
    {
        var store = NewStore();
        using var host = ClientHost.Create();

        var result = await host.Client.GetProductsAsync(store.Credentials(), [103], CancellationToken.None);

        var product = Assert.Single(result.Products);
        Assert.False(product.StockControl);
        Assert.Null(product.Quantity);
        Assert.True(product.Available);
    }

    [Fact]
    public async Task GetProductsAsync_ZeroStock_NotAvailable()
    {
        var store = NewStore();
        using var host = ClientHost.Create();

        var result = await host.Client.GetProductsAsync(store.Credentials(), [102], CancellationToken.None);

        var product = Assert.Single(result.Products);
        Assert.True(product.StockControl);
        Assert.Equal(0, product.Quantity);
        Assert.False(product.Available);
    }

    [Fact]
    public async Task GetProductsAsync_NoProductMatches_ReturnsEmptyList()
    {
        var store = NewStore();
        using var host = ClientHost.Create();

        var result = await host.Client.GetProductsAsync(store.Credentials(), [999, 998], CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Empty(result.Products);
        Assert.Equal([998, 999], store.LastRequestedPids!);
    }

    [Theory]
    [InlineData(SimulatedFault.InvalidIp, WhmcsFailureKind.Authentication, 403, "Invalid IP 127.0.0.1", "allow-list")]
    [InlineData(SimulatedFault.AuthenticationFailed, WhmcsFailureKind.Authentication, 403, "Authentication Failed", "identifier and secret")]
    [InlineData(SimulatedFault.IpBanned, WhmcsFailureKind.Authentication, 403, "IP Banned", "banned")]
    [InlineData(SimulatedFault.InvalidPermissions, WhmcsFailureKind.Permission, 403, "Invalid Permissions: API action \"getproducts\" is not allowed", "GetProducts")]
    [InlineData(SimulatedFault.ApiError, WhmcsFailureKind.ApiError, 200, "Simulated WHMCS error", "WHMCS answered with an error")]
    [InlineData(SimulatedFault.HtmlPage, WhmcsFailureKind.NotJson, 200, "Cloudflare", "includes/api.php")]
    [InlineData(SimulatedFault.ServerError, WhmcsFailureKind.HttpStatus, 500, "HTTP 500", "server error")]
    public async Task GetProductsAsync_Fault_ReturnsKindAndActionableMessage(
        SimulatedFault fault, WhmcsFailureKind kind, int status, string whmcsText, string advice)
    {
        var store = NewStore();
        store.Fault = fault;
        using var host = ClientHost.Create(o => o.TransientRetries = 0);

        var result = await host.Client.GetProductsAsync(store.Credentials(), [101], CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Empty(result.Products);
        var failure = result.Failure!;
        Assert.Equal(kind, failure.Kind);
        Assert.Equal(status, failure.HttpStatus);
        Assert.Contains(whmcsText, failure.Message, StringComparison.Ordinal);
        Assert.Contains(advice, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public async Task GetProductsAsync_WrongSecret_AuthenticationWithoutSecretInMessage()
    {
        var store = NewStore();
        using var host = ClientHost.Create();

        var result = await host.Client.GetProductsAsync(store.Credentials(secret: "wrong-secret-123"), [101], CancellationToken.None);

        Assert.Equal(WhmcsFailureKind.Authentication, result.Failure!.Kind);
        Assert.Contains("Authentication Failed", result.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-123", result.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SimulatedFault.AuthenticationFailed)]
    [InlineData(SimulatedFault.InvalidIp)]
    [InlineData(SimulatedFault.InvalidPermissions)]
    [InlineData(SimulatedFault.IpBanned)]
    public async Task GetProductsAsync_Forbidden_NotRetried(SimulatedFault fault)
    {
        var store = NewStore();
        store.Fault = fault;
        using var host = ClientHost.Create(o => o.TransientRetries = 3);

        var result = await host.Client.GetProductsAsync(store.Credentials(), [101], CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(1, store.RequestCount);
    }

    [Fact]
    public async Task GetProductsAsync_OneServerError_RecoveredByRetry()
    {
        var store = NewStore();
        store.FailNextRequests = 1;
        using var host = ClientHost.Create();

        var result = await host.Client.GetProductsAsync(store.Credentials(), [101], CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Single(result.Products);
        Assert.Equal(2, store.RequestCount);
    }

    [Fact]
    public async Task GetProductsAsync_ServerErrorsOutlastRetries_ReportsAttempts()
    {
        var store = NewStore();
        store.FailNextRequests = 10;
        using var host = ClientHost.Create(o => o.TransientRetries = 2);

        var result = await host.Client.GetProductsAsync(store.Credentials(), [101], CancellationToken.None);

        Assert.Equal(WhmcsFailureKind.HttpStatus, result.Failure!.Kind);
        Assert.Equal(500, result.Failure.HttpStatus);
        Assert.Contains("Tried 3 times.", result.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, store.RequestCount);
    }

    [Fact]
    public async Task GetProductsAsync_StoreSlowerThanTimeout_TimesOutQuicklyAfterRetries()
    {
        var store = NewStore();
        store.Latency = TimeSpan.FromSeconds(5);
        using var host = ClientHost.Create(o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        var result = await host.Client.GetProductsAsync(store.Credentials(), [101], CancellationToken.None);

        watch.Stop();
        Assert.Equal(WhmcsFailureKind.Timeout, result.Failure!.Kind);
        Assert.Contains("did not answer within 0.3 s", result.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, store.RequestCount);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task GetProductsAsync_StoreHangs_TimesOut()
    {
        var store = NewStore();
        store.Fault = SimulatedFault.Timeout;
        using var host = ClientHost.Create(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(250);
            o.TransientRetries = 0;
        });

        var result = await host.Client.GetProductsAsync(store.Credentials(), [101], CancellationToken.None);

        Assert.Equal(WhmcsFailureKind.Timeout, result.Failure!.Kind);
        Assert.Null(result.Failure.HttpStatus);
    }

    [Fact]
    public async Task GetProductsAsync_CallerCancels_ThrowsOperationCanceled()
    {
        var store = NewStore();
        store.Latency = TimeSpan.FromSeconds(5);
        using var host = ClientHost.Create();
        using var cancellation = new CancellationTokenSource();

        var call = host.Client.GetProductsAsync(store.Credentials(), [101], cancellation.Token);
        // Cancel only once the store holds the request, so a slow CI machine cannot cancel before sending.
        var deadline = DateTime.UtcNow.AddSeconds(4);
        while (store.RequestCount == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, store.RequestCount);
    }

    [Fact]
    public async Task GetProductsAsync_NothingListening_ReturnsConnection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var host = ClientHost.Create(o => o.TransientRetries = 0);
        var credentials = new WhmcsCredentials(new Uri($"http://127.0.0.1:{port}/whmcs"), "id", Secret);

        var result = await host.Client.GetProductsAsync(credentials, [101], CancellationToken.None);

        Assert.Equal(WhmcsFailureKind.Connection, result.Failure!.Kind);
        Assert.Contains($"127.0.0.1:{port}", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetProductsAsync_AccessKeyRequiredAndSent_Succeeds()
    {
        var store = NewStore(accessKey: "key-789");
        using var host = ClientHost.Create();

        var result = await host.Client.GetProductsAsync(store.Credentials(), [101], CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
    }

    [Fact]
    public async Task GetProductsAsync_AccessKeyRequiredButMissing_InvalidIp()
    {
        var store = NewStore(accessKey: "key-789");
        using var host = ClientHost.Create();
        var credentials = store.Credentials() with { AccessKey = null };

        var result = await host.Client.GetProductsAsync(credentials, [101], CancellationToken.None);

        Assert.Equal(WhmcsFailureKind.Authentication, result.Failure!.Kind);
        Assert.Contains("Invalid IP 127.0.0.1", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetProductsAsync_WrongAccessKey_InvalidAccessKeyWithoutKeyInMessage()
    {
        var store = NewStore(accessKey: "key-789");
        using var host = ClientHost.Create();

        var result = await host.Client.GetProductsAsync(store.Credentials(accessKey: "bad-key-000"), [101], CancellationToken.None);

        Assert.Equal(WhmcsFailureKind.Authentication, result.Failure!.Kind);
        Assert.Contains("Invalid Access Key", result.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bad-key-000", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetProductsAsync_WebsiteUrlWithTrailingSlash_Works()
    {
        var store = NewStore();
        using var host = ClientHost.Create();
        var credentials = store.Credentials() with { WebsiteUrl = new Uri(store.WebsiteUrl + "/") };

        var result = await host.Client.GetProductsAsync(credentials, [101], CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
    }

    [Fact]
    public async Task GetProductsAsync_SuccessAndFailure_LogsNeitherSecretNorApiUrl()
    {
        var store = NewStore();
        using var host = ClientHost.Create(o => o.TransientRetries = 1);
        await host.Client.GetProductsAsync(store.Credentials(), [101], CancellationToken.None);
        store.FailNextRequests = 5;
        await host.Client.GetProductsAsync(store.Credentials(), [101], CancellationToken.None);

        var lines = host.Logs.GetSnapshot().Select(r => r.Line()).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            Assert.DoesNotContain(Secret, line, StringComparison.Ordinal);
            Assert.DoesNotContain("api.php", line, StringComparison.Ordinal);
        });
    }
}
