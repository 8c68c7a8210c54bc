using StockBot.Simulator;
using StockBot.Testing.Telegram;

namespace StockBot.Host.Tests;

/// <summary>
/// A WHMCS that answers a stock level that is not a count: `check` against the simulator and the loopback Telegram
/// fake. The product's read fails (no record, no alert, named in the failures), its neighbours read as usual, and the
/// next good read is no "restock".
/// </summary>
public sealed class BadStockValueTests : IAsyncLifetime
{
    private const string Chat = "-100424";

    private readonly CliHarness cli = new();
    private WhmcsSimulator simulator = null!;
    private SimulatedStore store = null!;
    private FakeTelegramBotApi telegram = null!;

    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        store = simulator.AddStore("bad-stock-id", "bad-stock-secret-3317");
        store.AddProduct(7, "Hostile VPS", 5);
        store.AddProduct(8, "Honest VPS", 3);
        telegram = await FakeTelegramBotApi.StartAsync();
        cli.Settings["Monitoring:RequestTimeout"] = "00:00:05";
        cli.Settings["Telegram:Token"] = telegram.Token;
        cli.Settings["Telegram:ApiBaseUrl"] = telegram.BaseUrl;
        Assert.Equal(0, (await cli.RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("monitor", "add", "--website", "1", "--product", "7")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("monitor", "add", "--website", "1", "--product", "8")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("subscription", "add", "--platform", "telegram", "--channel", Chat)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("check")).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await telegram.DisposeAsync();
        await simulator.DisposeAsync();
        cli.Dispose();
    }

    [Theory]
    [InlineData("1e12", "WHMCS gave stocklevel 1e12 for pid 7: more than 2147483647")]
    [InlineData("\"abc\"", "WHMCS gave stocklevel \"abc\" for pid 7: not a whole number")]
    [InlineData("null", "WHMCS gave stocklevel null for pid 7: not a whole number")]
    public async Task Check_StockLevelNotACount_NoRecordNoAlertAndTheFailureNamesTheValue(string value, string message)
    {
        store.SetRawStockLevel(7, value);
        store.SetStock(8, 0);

        var bad = await cli.RunAsync("check", "--json");
        store.SetRawStockLevel(7, null);
        var good = await cli.RunAsync("check", "--json");

        Assert.Equal((0, 0), (bad.ExitCode, good.ExitCode));
        var failure = Assert.Single(bad.Json.GetProperty("failures").EnumerateArray());
        Assert.Equal(1, failure.GetProperty("monitor_id").GetInt32());
        Assert.Equal("BadStockValue", failure.GetProperty("kind").GetString());
        Assert.Contains(message, failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(good.Json.GetProperty("failures").EnumerateArray());
        // Monitor 1 keeps its first record only: no false "sold out" from the bad value, no false "restock" after it.
        Assert.Equal(1, cli.Count("stock_records WHERE monitor_config_id = 1"));
        Assert.Equal(0, cli.Count("monitor_histories WHERE monitor_config_id = 1 AND event_type <> 'stock_initialized'"));
        // The neighbour read normally: its sell-out (alerted by the default event kinds) is the one alert the chat got.
        Assert.Equal(2, cli.Count("stock_records WHERE monitor_config_id = 2"));
        var sent = Assert.Single(telegram.Sent("sendMessage", Chat));
        Assert.Contains("Honest VPS", sent.Text, StringComparison.Ordinal);
    }
}
