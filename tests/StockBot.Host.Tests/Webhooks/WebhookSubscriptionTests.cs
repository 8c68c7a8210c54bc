using StockBot.Testing;
using StockBot.Simulator;
using StockBot.Testing.Discord;

namespace StockBot.Host.Tests.Webhooks;

/// <summary>
/// `subscription add --platform discord --webhook URL` end to end: the real CLI against the WHMCS simulator and a
/// strict fake of Discord's execute webhook, with no Discord:Token configured.
/// </summary>
public class WebhookSubscriptionTests : IAsyncLifetime
{
    private readonly CliHarness cli;
    private WhmcsSimulator simulator = null!;
    private SimulatedStore store = null!;
    private FakeDiscordWebhooks discord = null!;


    public WebhookSubscriptionTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected WebhookSubscriptionTests(TestProvider provider) => cli = new CliHarness(provider);
    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        discord = await FakeDiscordWebhooks.StartAsync();
        store = simulator.AddStore("webhook-identifier", "webhook-secret-5521");
        store.AddProduct(102, "VPS Large 8GB", 2);
        cli.Settings["Monitoring:RequestTimeout"] = "00:00:02";
        cli.Settings["Discord:ApiBaseUrl"] = discord.ApiBaseUrl;
        var added = await cli.RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
        Assert.Equal(0, added.ExitCode);
    }

    public async Task DisposeAsync()
    {
        await discord.DisposeAsync();
        await simulator.DisposeAsync();
        cli.Dispose();
    }

    [SkippableFact]
    public async Task Check_WebhookSubscriptionWithoutBotToken_DeliversTheRestockToTheWebhook()
    {
        var webhook = discord.Create();
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "102");
        var subscribed = await cli.RunAsync("subscription", "add", "--platform", "discord", "--webhook", webhook.Url);
        await cli.RunAsync("check");
        store.SetStock(102, 9);

        var check = await cli.RunAsync("check");

        Assert.Equal((0, 0), (subscribed.ExitCode, check.ExitCode));
        Assert.Null(cli.Settings.GetValueOrDefault("Discord:Token"));
        var posted = Assert.Single(discord.Delivered);
        Assert.Equal(webhook.Id, posted.WebhookId);
        Assert.Contains("wait=true", posted.Query, StringComparison.Ordinal);
        var embed = posted.Json.GetProperty("embeds")[0];
        Assert.Contains("More stock: VPS Large 8GB", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal($"{store.WebsiteUrl.ToString().TrimEnd('/')}/cart.php?a=add&pid=102", embed.GetProperty("url").GetString());
        Assert.Equal(1, cli.Count("alert_deliveries WHERE status = 'sent' AND external_message_id IS NOT NULL"));
    }

    [SkippableFact]
    public async Task SubscriptionAdd_Webhook_StoresItEncryptedAndNeverPrintsTheToken()
    {
        var webhook = discord.Create();

        var text = await cli.RunAsync("subscription", "add", "--platform", "discord", "--webhook", webhook.Url);
        var json = await cli.RunAsync("subscription", "add", "--platform", "discord", "--webhook", webhook.Url, "--website", "1", "--json");
        var list = await cli.RunAsync("subscription", "list");
        var listJson = await cli.RunAsync("subscription", "list", "--json");

        var masked = $"https://discord.com/api/webhooks/{webhook.Id}/****";
        Assert.Equal((0, 0, 0, 0), (text.ExitCode, json.ExitCode, list.ExitCode, listJson.ExitCode));
        Assert.Contains(masked, text.Out, StringComparison.Ordinal);
        Assert.Equal(masked, json.Json.GetProperty("webhook").GetString());
        Assert.Contains(masked, list.Out, StringComparison.Ordinal);
        Assert.Equal(masked, listJson.Json[0].GetProperty("webhook").GetString());
        Assert.Equal(webhook.Id, listJson.Json[0].GetProperty("channel_id").GetString());
        foreach (var output in new[] { text, json, list, listJson })
        {
            Assert.DoesNotContain(webhook.Token, output.Out + output.Error, StringComparison.Ordinal);
        }

        var stored = cli.Database.Text("SELECT webhook_url_encrypted FROM subscriptions WHERE id = 1");
        Assert.StartsWith("v1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(webhook.Token, string.Join('|', cli.Database.Rows("SELECT channel_id, webhook_url_encrypted, mention FROM subscriptions ORDER BY id")), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("https://example.com/api/webhooks/{id}/{token}")]
    [InlineData("http://discord.com/api/webhooks/{id}/{token}")]
    [InlineData("https://discord.com/api/webhooks/not-an-id/{token}")]
    [InlineData("https://discord.com/api/webhooks/{id}")]
    [InlineData("https://discord.com/channels/{id}/{token}")]
    [InlineData("https://discord.com/api/webhooks/{id}/{token}?thread_id=1")]
    [InlineData("discord.com/api/webhooks/{id}/{token}")]
    public async Task SubscriptionAdd_NotADiscordWebhookUrl_ExitsTwoWithOneLineNamingWebhook(string shape)
    {
        var webhook = discord.Create();
        var url = shape.Replace("{id}", webhook.Id, StringComparison.Ordinal).Replace("{token}", webhook.Token, StringComparison.Ordinal);

        var result = await cli.RunAsync("subscription", "add", "--platform", "discord", "--webhook", url);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: --webhook: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(webhook.Token, result.Out + result.Error, StringComparison.Ordinal);
        Assert.Equal(0, cli.Count("subscriptions"));
    }

    [SkippableTheory]
    [InlineData("telegram", null)]
    [InlineData("discord", "123456789012345678")]
    public async Task SubscriptionAdd_WebhookWithTelegramOrWithAChannel_ExitsTwoNamingWebhook(string platform, string? channel)
    {
        var webhook = discord.Create();
        string[] args = channel is null
            ? ["subscription", "add", "--platform", platform, "--webhook", webhook.Url]
            : ["subscription", "add", "--platform", platform, "--webhook", webhook.Url, "--channel", channel];

        var result = await cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --webhook: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, cli.Count("subscriptions"));
    }

    [SkippableFact]
    public async Task SubscriptionAdd_DiscordWithNeitherChannelNorWebhook_ExitsTwoNamingBoth()
    {
        var result = await cli.RunAsync("subscription", "add", "--platform", "discord");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --channel: must not be empty (or give a discord webhook URL instead)", Assert.Single(result.ErrorLines));
        Assert.Equal(0, cli.Count("subscriptions"));
    }

    [SkippableFact]
    public async Task SubscriptionAdd_SameWebhookTwiceForOneScope_IsADuplicateWhateverTheHostSpelling()
    {
        var webhook = discord.Create();
        await cli.RunAsync("subscription", "add", "--platform", "discord", "--webhook", webhook.Url);

        var again = await cli.RunAsync("subscription", "add", "--platform", "discord", "--webhook", webhook.Url.Replace("https://discord.com", "https://canary.discordapp.com", StringComparison.Ordinal));

        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"webhook: discord webhook {webhook.Id} is already subscribed to everything", Assert.Single(again.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, cli.Count("subscriptions"));
    }

    [SkippableFact]
    public async Task Check_WebhookDeletedInDiscord_TurnsTheSubscriptionOff()
    {
        var webhook = discord.Create();
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "102");
        await cli.RunAsync("subscription", "add", "--platform", "discord", "--webhook", webhook.Url);
        await cli.RunAsync("check");
        discord.Delete(webhook);
        store.SetStock(102, 9);

        var check = await cli.RunAsync("check");
        var list = await cli.RunAsync("subscription", "list", "--json");

        Assert.Equal(0, check.ExitCode);
        Assert.Equal(404, Assert.Single(discord.ExecutionsOf(webhook)).Status);
        Assert.False(list.Json[0].GetProperty("is_active").GetBoolean());
        Assert.Equal(1, cli.Count("alert_deliveries WHERE status = 'failed'"));
        Assert.Contains("Unknown Webhook", cli.Scalar("SELECT last_error FROM alert_deliveries"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Check_BotTokenSetToo_WebhookSubscriptionStillGoesThroughTheWebhook()
    {
        // With a token the bot's REST sender is registered as well: two Discord senders, each with its own targets.
        cli.Settings["Discord:Token"] = "fake-discord-token-webhook-test";
        var webhook = discord.Create();
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "102");
        await cli.RunAsync("subscription", "add", "--platform", "discord", "--webhook", webhook.Url);
        await cli.RunAsync("check");
        store.SetStock(102, 0);

        var check = await cli.RunAsync("check");

        Assert.Equal(0, check.ExitCode);
        Assert.Single(discord.Delivered);
        Assert.Equal(1, cli.Count("alert_deliveries WHERE status = 'sent'"));
    }

    [SkippableFact]
    public async Task Check_PurchaseLinkTypedWithSpacesBracesAndUmlaut_ReachesDiscordAsAWellFormedLink()
    {
        var webhook = discord.Create();
        var added = await cli.RunAsync("monitor", "add", "--website", "1", "--product", "102", "--purchase-link", "https://x.example/cart.php?a=add&pid=1&x={a b}|ü");
        await cli.RunAsync("subscription", "add", "--platform", "discord", "--webhook", webhook.Url);
        await cli.RunAsync("check");
        store.SetStock(102, 9);

        await cli.RunAsync("check");

        Assert.Equal(0, added.ExitCode);
        var posted = Assert.Single(discord.Delivered);
        Assert.Equal("https://x.example/cart.php?a=add&pid=1&x=%7Ba%20b%7D%7C%C3%BC", posted.Json.GetProperty("embeds")[0].GetProperty("url").GetString());
    }
}
