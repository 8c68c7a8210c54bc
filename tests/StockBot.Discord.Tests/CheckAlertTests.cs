using StockBot.Simulator;
using StockBot.Testing.Discord;

namespace StockBot.Discord.Tests;

/// <summary>`stockbot check` (REST only, no gateway) delivers a real cycle's alerts to the subscribed Discord channels.</summary>
public sealed class CheckAlertTests : IAsyncLifetime
{
    private const string RoleId = "730000000000000009";
    private const string GoneChannel = "700000000000000088";

    private DiscordBotHarness bot = null!;
    private WhmcsSimulator simulator = null!;
    private SimulatedStore store = null!;

    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        store = simulator.AddStore("check-identifier", "check-secret-9912");
        store.AddProduct(101, "VPS Small 2GB", 2);
        bot = await DiscordBotHarness.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await simulator.DisposeAsync();
    }

    [Fact]
    public async Task Check_Restock_PostsEmbedWithRoleMentionAndBuyButton_AndMarksAGoneChannel()
    {
        Assert.Equal(0, (await bot.CliAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret, "--region", "EU")).ExitCode);
        Assert.Equal(0, (await bot.CliAsync("monitor", "add", "--website", "1", "--product", "101")).ExitCode);
        Assert.Equal(0, (await bot.CliAsync("subscription", "add", "--platform", "discord", "--channel", FakeInteractions.ChannelId, "--mention", RoleId)).ExitCode);
        Assert.Equal(0, (await bot.CliAsync("subscription", "add", "--platform", "discord", "--channel", GoneChannel)).ExitCode);
        bot.Fake.Script("POST", $"/channels/{GoneChannel}/messages", FakeDiscordResponse.Forbidden());

        Assert.Equal(0, (await bot.CliAsync("check")).ExitCode);
        store.SetStock(101, 9);
        var second = await bot.CliAsync("check");

        Assert.Equal(0, second.ExitCode);
        var post = Assert.Single(bot.Fake.RequestsTo("POST", $"/channels/{FakeInteractions.ChannelId}/messages"));
        var json = post.Json;
        Assert.Equal($"<@&{RoleId}>", json.GetProperty("content").GetString());
        Assert.Equal(RoleId, json.GetProperty("allowed_mentions").GetProperty("roles")[0].GetString());
        var embed = json.GetProperty("embeds")[0];
        Assert.Contains("More stock: VPS Small 2GB", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0x2ECC71, embed.GetProperty("color").GetInt32());
        Assert.Contains(embed.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "Change" && f.GetProperty("value").GetString() == "2 → 9 (+7)");
        Assert.EndsWith("/cart.php?a=add&pid=101", json.GetProperty("components")[0].GetProperty("components")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, bot.Scalar($"SELECT COUNT(*) FROM alert_deliveries d JOIN subscriptions s ON s.id = d.subscription_id WHERE s.channel_id = '{FakeInteractions.ChannelId}' AND d.status = 'sent' AND d.external_message_id IS NOT NULL"));
        Assert.Equal(0, bot.Scalar($"SELECT is_active FROM subscriptions WHERE channel_id = '{GoneChannel}'"));
        Assert.Equal(1, bot.Scalar("SELECT COUNT(*) FROM alert_deliveries WHERE status = 'failed'"));
        Assert.Empty(bot.Fake.Connections);
        Assert.Empty(bot.Fake.RequestsTo("PUT", "/commands"));
        Assert.DoesNotContain(TestSettings.Token, second.Out + second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DiscordDown_KeepsTheAlertPendingForLater()
    {
        await bot.CliAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
        await bot.CliAsync("monitor", "add", "--website", "1", "--product", "101");
        await bot.CliAsync("subscription", "add", "--platform", "discord", "--channel", FakeInteractions.ChannelId);
        await bot.CliAsync("check");
        store.SetStock(101, 5);
        bot.Fake.Script("POST", "/messages", FakeDiscordResponse.ServerError());

        Assert.Equal(0, (await bot.CliAsync("check")).ExitCode);

        Assert.Equal(1, bot.Scalar("SELECT COUNT(*) FROM alert_deliveries WHERE status = 'pending' AND attempts = 1"));
        Assert.Equal(1, bot.Scalar("SELECT is_active FROM subscriptions"));
    }
}
