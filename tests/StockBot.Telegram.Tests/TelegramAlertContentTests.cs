using System.Globalization;
using StockBot.Simulator;
using static StockBot.Telegram.Tests.TelegramHostHarness;

namespace StockBot.Telegram.Tests;

/// <summary>Issue 12: the words, price, time and templates of alerts as the fake Telegram receives them from the running host.</summary>
public sealed class TelegramAlertContentTests : IAsyncLifetime
{
    private TelegramHostHarness h = null!;

    public async Task InitializeAsync()
    {
        h = await CreateAsync();
        await h.StartAsync();
        await h.AddWebsiteAndMonitorsAsync(102);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private string LastAlert() => h.Telegram.Sent("sendMessage", Id(GroupId)).Last(m => !IsTestMessage(m)).Text!;

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task SoldOut_ThenBackInStock_ThenMoreStock_WordsPriceAndUtcTime()
    {
        await Subscribe();
        await h.RunCycleAsync();
        Assert.Equal("$5.00/mo", h.Scalar("SELECT last_price FROM monitor_configs WHERE id = 1"));
        h.Store.SetStock(102, 0);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        await h.RunCycleAsync();
        var soldOut = LastAlert();
        h.Store.SetStock(102, 4);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.RunCycleAsync();
        var back = LastAlert();
        h.Store.SetStock(102, 9);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.RunCycleAsync();
        var more = LastAlert();

        Assert.StartsWith("⛔ <b>Sold out: VPS &lt;Large&gt; &amp; 8GB</b>", soldOut, StringComparison.Ordinal);
        Assert.Contains("The last 2 units sold at once: out of stock.", soldOut, StringComparison.Ordinal);
        Assert.Contains("💲 $5.00/mo", soldOut, StringComparison.Ordinal);
        Assert.StartsWith("🟢 <b>Back in stock: VPS", back, StringComparison.Ordinal);
        Assert.Contains("Back in stock: 4 units available.", back, StringComparison.Ordinal);
        Assert.StartsWith("🟢 <b>More stock: VPS", more, StringComparison.Ordinal);
        Assert.Contains("5 units more: 9 available.", more, StringComparison.Ordinal);
        Assert.Contains($"<i>{Utc(h.Clock.GetUtcNow())}</i>", more, StringComparison.Ordinal);
        Assert.Equal("$5.00/mo", h.Scalar("SELECT last_price FROM monitor_configs WHERE id = 1"));
    }

    [Fact]
    public async Task Sale_DefaultEvents_IsNotPosted_ButPurchaseSubscribersGetTheCount()
    {
        await Subscribe();
        await h.CliAsync("subscription", "add", "--platform", "telegram", "--channel", "3003", "--events", "purchase");
        await h.RunCycleAsync();
        h.Store.SetStock(102, 1);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        await h.RunCycleAsync();

        Assert.DoesNotContain(h.Telegram.Sent("sendMessage", Id(GroupId)), m => !IsTestMessage(m));
        var sale = h.Telegram.Sent("sendMessage", "3003").Single(m => !IsTestMessage(m)).Text!;
        Assert.StartsWith("🛒 <b>Sale: VPS", sale, StringComparison.Ordinal);
        Assert.Contains("1 unit sold, 1 left.", sale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadErrors_OnlyErrorSubscribersAreTold_WithoutTheInternalReason()
    {
        await Subscribe();
        await h.CliAsync("subscription", "add", "--platform", "telegram", "--channel", "3003", "--events", "error");
        await h.RunCycleAsync();
        h.Store.Fault = SimulatedFault.ServerError;
        for (var i = 0; i < 3; i++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(1));
            await h.RunCycleAsync();
        }

        Assert.DoesNotContain(h.Telegram.Sent("sendMessage", Id(GroupId)), m => !IsTestMessage(m));
        var error = h.Telegram.Sent("sendMessage", "3003").Single(m => !IsTestMessage(m)).Text!;
        Assert.Contains("Cannot read: VPS", error, StringComparison.Ordinal);
        Assert.Contains("stockbot status 1", error, StringComparison.Ordinal);
        Assert.DoesNotContain("500", error, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_FromSubscribe_IsRenderedAndEscaped_ABrokenOneIsRefused()
    {
        var bad = await h.CliAsync("subscription", "add", "--platform", "telegram", "--channel", Id(GroupId), "--template", "{{ product ");
        await Subscribe("--template", "<b>{{ product }}</b> {{ kind }}: {{ previous_quantity }} -> {{ quantity }} ({{ delta }}) {{ price }} {{ region }}");
        await h.RunCycleAsync();
        h.Store.SetStock(102, 0);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        await h.RunCycleAsync();

        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("template: not a valid Liquid template", bad.Error, StringComparison.Ordinal);
        Assert.Single(bad.Error.Trim().Split('\n'));
        Assert.Equal("&lt;b&gt;VPS &lt;Large&gt; &amp; 8GB&lt;/b&gt; soldout: 2 -&gt; 0 (-2) $5.00/mo US-East", LastAlert());
    }

    private async Task Subscribe(params string[] more)
    {
        var result = await h.CliAsync(["subscription", "add", "--platform", "telegram", "--channel", Id(GroupId), .. more]);
        Assert.True(result.ExitCode == 0, result.Error);
    }
}
