using System.Net;
using System.Text.Json;
using StockBot.Simulator;

namespace StockBot.Whmcs.Tests;

public sealed class WhmcsSimulatorTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    private SimulatedStore NewStore()
    {
        var store = fixture.Simulator.AddStore("ident", "secret");
        store.AddProduct(1, "Small", 5);
        store.AddProduct(2, "Medium", 0);
        store.AddProduct(3, "Unlimited", null);
        return store;
    }

    private static Task<HttpResponseMessage> PostAsync(SimulatedStore store, params (string Key, string Value)[] fields) =>
        Http.PostAsync(new Uri(store.WebsiteUrl + "/includes/api.php"),
            new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))));

    [Fact]
    public async Task MoveStock_ManyRounds_ChangesStockAndNeverGoesNegative()
    {
        await using var simulator = await WhmcsSimulator.StartAsync();
        var random = new Random(1234);
        for (var s = 0; s < 5; s++)
        {
            var store = simulator.AddStore($"id{s}", "secret");
            for (var pid = 1; pid <= 20; pid++)
            {
                store.AddProduct(pid, $"Product {pid}", pid % 5 == 0 ? null : random.Next(0, 3));
            }
        }

        var before = simulator.Stores.SelectMany(s => Enumerable.Range(1, 20).Select(pid => s.GetStock(pid))).ToArray();
        var changedTotal = 0;
        for (var round = 0; round < 200; round++)
        {
            var changed = simulator.MoveStock(0.25, random);
            Assert.Equal(20, changed); // 25% of the 80 stock-controlled products
            changedTotal += changed;
            Assert.All(simulator.Stores, store =>
            {
                for (var pid = 1; pid <= 20; pid++)
                {
                    var stock = store.GetStock(pid);
                    if (pid % 5 == 0)
                    {
                        Assert.Null(stock);
                    }
                    else
                    {
                        Assert.True(stock >= 0, $"store {store.Id} pid {pid} stock {stock}");
                    }
                }
            });
        }

        var after = simulator.Stores.SelectMany(s => Enumerable.Range(1, 20).Select(pid => s.GetStock(pid))).ToArray();
        Assert.NotEqual(before, after);
        Assert.Equal(0, simulator.MoveStock(0, random));
    }

    [Fact]
    public async Task Api_WrongSecret_Returns403AuthenticationFailed()
    {
        var store = NewStore();

        using var response = await PostAsync(store, ("action", "GetProducts"), ("identifier", "ident"), ("secret", "nope"), ("responsetype", "json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"result":"error","message":"Authentication Failed"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_WithoutResponseTypeJson_AnswersXml()
    {
        var store = NewStore();

        using var response = await PostAsync(store, ("action", "GetProducts"), ("identifier", "ident"), ("secret", "secret"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<?xml", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_GetProducts_DocumentedShape()
    {
        var store = NewStore();

        using var response = await PostAsync(store, ("action", "GetProducts"), ("identifier", "ident"), ("secret", "secret"), ("responsetype", "json"), ("pid", "1, 3"));

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal("success", root.GetProperty("result").GetString());
        Assert.Equal(2, root.GetProperty("totalresults").GetInt32());
        var products = root.GetProperty("products").GetProperty("product").EnumerateArray().ToArray();
        Assert.Equal(2, products.Length);
        foreach (var key in new[] { "pid", "gid", "type", "name", "description", "module", "paytype", "pricing", "product_url" })
        {
            Assert.True(products[0].TryGetProperty(key, out _), key);
        }

        Assert.Equal("true", products[0].GetProperty("stockcontrol").GetString());
        Assert.Equal(5, products[0].GetProperty("stocklevel").GetInt32());
        Assert.False(products[1].TryGetProperty("stockcontrol", out _));
        Assert.False(products[1].TryGetProperty("stocklevel", out _));
        Assert.Equal([1, 3], store.LastRequestedPids!);
    }

    [Fact]
    public async Task Cart_OutOfStockProduct_ShowsOutOfStockHeading()
    {
        var store = NewStore();

        using var response = await Http.GetAsync(new Uri(store.WebsiteUrl + "/cart.php?a=add&pid=2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Out of Stock</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Cart_ProductInStockOrUncontrolled_RedirectsToConfigure(int pid)
    {
        var store = NewStore();

        using var response = await Http.GetAsync(new Uri(store.WebsiteUrl + $"/cart.php?a=add&pid={pid}"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("cart.php?a=confproduct&i=0", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Stores_ConcurrentRequestsWithLatency_AllAnsweredAndCounted()
    {
        await using var simulator = await WhmcsSimulator.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(50) });
        var stores = Enumerable.Range(0, 8).Select(i =>
        {
            var store = simulator.AddStore($"id{i}", "secret");
            store.AddProduct(1, "A", 1);
            return store;
        }).ToArray();

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
        {
            using var response = await PostAsync(stores[i % 8], ("action", "GetProducts"), ("identifier", $"id{i % 8}"), ("secret", "secret"), ("responsetype", "json"));
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(64, simulator.TotalRequests);
        Assert.All(stores, store => Assert.Equal(8, store.RequestCount));
    }

    [Fact]
    public void SetStock_Negative_Rejected()
    {
        var store = NewStore();

        Assert.Throws<ArgumentOutOfRangeException>(() => store.SetStock(1, -1));
        store.SetStock(1, null);
        Assert.Null(store.GetStock(1));
        store.RemoveProduct(1);
        Assert.Throws<ArgumentException>(() => store.GetStock(1));
    }
}
