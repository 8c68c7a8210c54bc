using System.Globalization;
using StockBot.Simulator;
using StockBot.Testing.Discord;

namespace StockBot.Discord.Tests;

/// <summary>Issue 12: what alerts say and how many arrive, through `stockbot check` against the fake Discord.</summary>
public sealed class AlertContentTests : IAsyncLifetime
{
    private DiscordBotHarness bot = null!;
    private WhmcsSimulator simulator = null!;
    private SimulatedStore store = null!;

    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        store = simulator.AddStore("content-identifier", "content-secret-9912");
        store.AddProduct(101, "VPS Small 2GB", 10);
        bot = await DiscordBotHarness.CreateAsync();
        Assert.Equal(0, (await bot.CliAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret, "--region", "EU")).ExitCode);
        Assert.Equal(0, (await bot.CliAsync("monitor", "add", "--website", "1", "--product", "101", "--low", "5")).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await simulator.DisposeAsync();
    }

    private IReadOnlyList<System.Text.Json.JsonElement> Posts() =>
        bot.Fake.RequestsTo("POST", $"/channels/{FakeInteractions.ChannelId}/messages").Select(r => r.Json).ToList();

    [Fact]
    public async Task Check_ChannelSubscribedAtTwoScopes_GetsEachAlertOnce()
    {
        Assert.Equal(0, (await bot.CliAsync("subscription", "add", "--platform", "discord", "--channel", FakeInteractions.ChannelId)).ExitCode);
        Assert.Equal(0, (await bot.CliAsync("subscription", "add", "--platform", "discord", "--channel", FakeInteractions.ChannelId, "--website", "1")).ExitCode);
        Assert.Equal(0, (await bot.CliAsync("check")).ExitCode);
        store.SetStock(101, 0);

        Assert.Equal(0, (await bot.CliAsync("check")).ExitCode);

        var post = Assert.Single(Posts());
        Assert.Contains("Sold out", post.GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        // The most specific subscription (the website's) is the one that carries it.
        Assert.Equal(1, bot.Scalar("SELECT COUNT(*) FROM alert_deliveries d JOIN subscriptions s ON s.id = d.subscription_id WHERE s.website_id = 1"));
        Assert.Equal(1, bot.Scalar("SELECT COUNT(*) FROM alert_deliveries"));
    }

    [Fact]
    public async Task Check_SaleCrossingTheLowMark_PostsOneAlertThatSaysBoth()
    {
        Assert.Equal(0, (await bot.CliAsync("subscription", "add", "--platform", "discord", "--channel", FakeInteractions.ChannelId, "--events", "purchase,threshold")).ExitCode);
        Assert.Equal(0, (await bot.CliAsync("check")).ExitCode);
        store.SetStock(101, 3);

        Assert.Equal(0, (await bot.CliAsync("check")).ExitCode);

        var embed = Assert.Single(Posts()).GetProperty("embeds")[0];
        Assert.Contains("7 sold", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("below the low mark of 5", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SoldOut_HasItsOwnEmojiAndColour_ThePriceAndTheTime()
    {
        Assert.Equal(0, (await bot.CliAsync("subscription", "add", "--platform", "discord", "--channel", FakeInteractions.ChannelId)).ExitCode);
        Assert.Equal(0, (await bot.CliAsync("check")).ExitCode);
        store.SetStock(101, 0);

        Assert.Equal(0, (await bot.CliAsync("check")).ExitCode);

        var embed = Assert.Single(Posts()).GetProperty("embeds")[0];
        Assert.Equal("⛔ Sold out: VPS Small 2GB", embed.GetProperty("title").GetString());
        Assert.Equal(0x992D22, embed.GetProperty("color").GetInt32());
        Assert.Equal("The last 10 units sold at once: out of stock.", embed.GetProperty("description").GetString());
        Assert.Contains(embed.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "Price" && f.GetProperty("value").GetString() == "$5.00/mo");
        Assert.Contains(embed.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "Region" && f.GetProperty("value").GetString() == "EU");
        Assert.True(DateTime.TryParse(embed.GetProperty("timestamp").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _));
    }

    [Fact]
    public async Task Check_Template_IsTheEmbedText_MarkdownEscaped()
    {
        Assert.Equal(0, (await bot.CliAsync("subscription", "add", "--platform", "discord", "--channel", FakeInteractions.ChannelId,
            "--template", "**{{ product }}** back: {{ quantity }} at {{ price }} {{ buy_link }}")).ExitCode);
        store.SetStock(101, 0);
        Assert.Equal(0, (await bot.CliAsync("check")).ExitCode);
        store.SetStock(101, 4);

        Assert.Equal(0, (await bot.CliAsync("check")).ExitCode);

        var embed = Assert.Single(Posts()).GetProperty("embeds")[0];
        var description = embed.GetProperty("description").GetString()!;
        Assert.StartsWith(@"\*\*VPS Small 2GB\*\* back: 4 at $5.00/mo ", description, StringComparison.Ordinal);
        Assert.Contains("cart.php?a=add", description, StringComparison.Ordinal);
        Assert.Equal("🟢 Back in stock: VPS Small 2GB", embed.GetProperty("title").GetString());
    }
}
