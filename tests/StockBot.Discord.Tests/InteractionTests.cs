using StockBot.Testing;
using System.Text.Json;
using StockBot.Simulator;
using StockBot.Testing.Discord;
using StockBot.Testing.Logging;

namespace StockBot.Discord.Tests;

/// <summary>The real service host (as `stockbot run` builds it) against the fake Discord and the WHMCS simulator.</summary>
public class InteractionTests : IAsyncLifetime
{
    private readonly TestProvider provider;

    public InteractionTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected InteractionTests(TestProvider provider) => this.provider = provider;

    private const string RoleId = "730000000000000009";
    private const string OtherChannel = "700000000000000077";

    private DiscordBotHarness bot = null!;
    private WhmcsSimulator simulator = null!;
    private SimulatedStore store = null!;

    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        store = simulator.AddStore("discord-identifier", "discord-secret-4471");
        store.AddProduct(101, "VPS Small 2GB", 6);
        store.AddProduct(102, "VPS Large 8GB", 2);
        bot = await DiscordBotHarness.CreateAsync(provider);
        await bot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await simulator.DisposeAsync();
    }

    [SkippableFact]
    public async Task Start_CommandsRegisteredToTheGuildOnce_AndNotAgainWhenUnchanged()
    {
        var put = await bot.Fake.WaitForRequestAsync("PUT", $"/applications/{bot.Fake.ApplicationId}/guilds/{FakeInteractions.GuildId}/commands");
        await WaitForAsync(() => bot.Text("SELECT value FROM bot_state WHERE key = 'discord_commands_hash'") is not null);

        await bot.StopAsync();
        await bot.StartAsync();
        await WaitForAsync(() => bot.Logs.GetSnapshot().Any(l => l.Message.Contains("unchanged", StringComparison.Ordinal)));
        // A late second registration would show up after the log line; give it a moment.
        await Task.Delay(500);

        Assert.Equal(9, put.Json.GetArrayLength());
        // Once to the guild, once globally (the personal commands, offered in DMs too).
        Assert.Equal(2, bot.Fake.RequestsTo("PUT", "/commands").Count);
    }

    [SkippableFact]
    public async Task Interactions_AdminManagesEverything_RightCallbacksAndDatabaseChanges()
    {
        var i = bot.Interactions;

        // /website add opens a modal: the secret never appears in a command line.
        var (modal, _) = await bot.InvokeAsync(i.Command("website", "add"));
        var modalJson = modal.Json;
        Assert.Equal(9, modalJson.GetProperty("type").GetInt32());
        Assert.Equal("stockbot:website add", modalJson.GetProperty("data").GetProperty("custom_id").GetString());
        var inputs = modalJson.GetProperty("data").GetProperty("components").EnumerateArray().Select(r => r.GetProperty("components")[0]).ToList();
        Assert.Equal(["name", "url", "api_identifier", "api_secret", "region"], inputs.Select(x => x.GetProperty("custom_id").GetString()));
        Assert.All(inputs, x => Assert.Equal(4, x.GetProperty("type").GetInt32()));
        Assert.Equal(0, bot.Scalar("SELECT COUNT(*) FROM websites"));

        var (added, _) = await bot.InvokeAsync(i.ModalSubmit("stockbot:website add", new Dictionary<string, string>
        {
            ["name"] = "Sim",
            ["url"] = store.WebsiteUrl.ToString(),
            ["api_identifier"] = store.Identifier,
            ["api_secret"] = store.Secret,
            ["region"] = "US-East",
        }));
        AssertMessage(added, ephemeral: true, "Website #1 added: Sim");
        Assert.DoesNotContain(store.Secret, added.Body, StringComparison.Ordinal);
        Assert.Equal(1, bot.Scalar("SELECT COUNT(*) FROM websites"));
        var stored = bot.Text("SELECT api_secret FROM websites WHERE id = 1")!;
        Assert.DoesNotContain(store.Secret, stored, StringComparison.Ordinal);

        AssertMessage((await bot.InvokeAsync(i.Command("website", "list"))).Callback, ephemeral: true, "1 website(s)");

        // Slow commands are deferred, then the reply is edited in.
        var (testDeferred, testEdit) = await bot.InvokeAsync(i.Command("website", "test", Args(("website", 1L))));
        Assert.Equal(5, testDeferred.Json.GetProperty("type").GetInt32());
        Assert.Equal(64, testDeferred.Json.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Contains("works", Embed(testEdit!.Json).GetProperty("title").GetString(), StringComparison.Ordinal);
        var (_, productsEdit) = await bot.InvokeAsync(i.Command("website", "products", Args(("website", 1L))));
        Assert.Contains("VPS Small 2GB", Embed(productsEdit!.Json).GetProperty("description").GetString(), StringComparison.Ordinal);

        var (monitorAdded, _) = await bot.InvokeAsync(i.Command("monitor", "add", Args(("website", 1L), ("product", 101L), ("low", 5L))));
        AssertMessage(monitorAdded, ephemeral: true, "Monitor #1 added");
        Assert.Equal(5, bot.Scalar("SELECT threshold_low FROM monitor_configs WHERE id = 1"));
        await bot.InvokeAsync(i.Command("monitor", "edit", Args(("monitor", 1L), ("high", 50L), ("restock", true))));
        Assert.Equal(50, bot.Scalar("SELECT threshold_high FROM monitor_configs WHERE id = 1"));
        await bot.InvokeAsync(i.Command("monitor", "pause", Args(("monitor", 1L))));
        Assert.Equal(0, bot.Scalar("SELECT is_active FROM monitor_configs WHERE id = 1"));
        await bot.InvokeAsync(i.Command("monitor", "resume", Args(("monitor", 1L))));
        Assert.Equal(1, bot.Scalar("SELECT is_active FROM monitor_configs WHERE id = 1"));
        AssertMessage((await bot.InvokeAsync(i.Command("monitor", "list"))).Callback, ephemeral: true, "1 monitor(s)");

        var (subscribed, _) = await bot.InvokeAsync(i.Command("subscribe", null, Args(("events", "restock,purchase"), ("mention", RoleId))));
        AssertMessage(subscribed, ephemeral: true, "Subscribed");
        Assert.Equal(1, bot.Scalar($"SELECT COUNT(*) FROM subscriptions WHERE platform = 'discord' AND channel_id = '{FakeInteractions.ChannelId}' AND mention = '{RoleId}' AND event_kinds = 'restock,purchase'"));
        await bot.InvokeAsync(i.Command("subscribe", null, Args(("chat", OtherChannel), ("website", 1L))));
        Assert.Equal(1, bot.Scalar($"SELECT COUNT(*) FROM subscriptions WHERE channel_id = '{OtherChannel}' AND website_id = 1"));

        // Everyone's commands answer in the channel (not ephemeral).
        AssertMessage((await bot.InvokeAsync(i.Command("subscriptions", null, admin: false))).Callback, ephemeral: false, "This chat gets 1 kind(s) of alert");
        var (status, _) = await bot.InvokeAsync(i.Command("status", null, Args(("monitor", 1L)), admin: false));
        AssertMessage(status, ephemeral: false, "#1");
        var buy = status.Json.GetProperty("data").GetProperty("components")[0].GetProperty("components")[0];
        Assert.Equal(5, buy.GetProperty("style").GetInt32());
        Assert.Contains("cart.php?a=add&pid=101", buy.GetProperty("url").GetString(), StringComparison.Ordinal);

        // /history: deferred in the channel, then the chart as a multipart attachment shown in the embed.
        Assert.Equal(0, (await bot.CliAsync("check")).ExitCode);
        var (historyDeferred, historyEdit) = await bot.InvokeAsync(i.Command("history", null, Args(("monitor", 1L)), admin: false));
        Assert.False(historyDeferred.Json.GetProperty("data").TryGetProperty("flags", out _));
        Assert.True(historyEdit!.IsMultipart);
        var file = Assert.Single(historyEdit.Parts, p => p.Name == "files[0]");
        Assert.Equal("chart.png", file.FileName);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, file.Data.Take(4).ToArray());
        var historyJson = historyEdit.Json;
        Assert.Equal("attachment://chart.png", Embed(historyJson).GetProperty("image").GetProperty("url").GetString());
        Assert.Equal("chart.png", historyJson.GetProperty("attachments")[0].GetProperty("filename").GetString());

        AssertMessage((await bot.InvokeAsync(i.Command("help", null))).Callback, ephemeral: false, "StockBot watches");

        AssertMessage((await bot.InvokeAsync(i.Command("unsubscribe", null))).Callback, ephemeral: true, "Unsubscribed");
        Assert.Equal(0, bot.Scalar($"SELECT COUNT(*) FROM subscriptions WHERE channel_id = '{FakeInteractions.ChannelId}'"));

        await bot.InvokeAsync(i.Command("website", "disable", Args(("website", 1L))));
        Assert.Equal(0, bot.Scalar("SELECT is_active FROM websites WHERE id = 1"));
        await bot.InvokeAsync(i.Command("website", "enable", Args(("website", 1L))));
        Assert.Equal(1, bot.Scalar("SELECT is_active FROM websites WHERE id = 1"));
        AssertMessage((await bot.InvokeAsync(i.Command("monitor", "remove", Args(("monitor", 1L), ("force", true))))).Callback, ephemeral: true, "Monitor #1 removed");
        Assert.Equal(0, bot.Scalar("SELECT COUNT(*) FROM monitor_configs"));
        AssertMessage((await bot.InvokeAsync(i.Command("website", "remove", Args(("website", 1L), ("force", true))))).Callback, ephemeral: true, "Website #1 removed");
        Assert.Equal(0, bot.Scalar("SELECT COUNT(*) FROM websites"));

        // Nothing secret in any log line: bot token, interaction tokens, the WHMCS secret.
        Assert.DoesNotContain(TestSettings.Token, bot.Logs.Transcript(), StringComparison.Ordinal);
        Assert.DoesNotContain("fake-interaction-token", bot.Logs.Transcript(), StringComparison.Ordinal);
        Assert.DoesNotContain(store.Secret, bot.Logs.Transcript(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Autocomplete_WebsiteAndMonitorOptions_AnswersChoicesWithIds()
    {
        Assert.Equal(0, (await bot.CliAsync("website", "add", "--name", "Alpha Hosting", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret)).ExitCode);
        Assert.Equal(0, (await bot.CliAsync("website", "add", "--name", "Beta Cloud", "--url", "https://beta.example.com", "--api-identifier", "b", "--api-secret", "b-secret")).ExitCode);
        Assert.Equal(0, (await bot.CliAsync("monitor", "add", "--website", "1", "--product", "101", "--name", "Tiny VPS")).ExitCode);

        var (websites, _) = await bot.InvokeAsync(bot.Interactions.Autocomplete("monitor", "add", "website", "bet"));
        var (monitors, _) = await bot.InvokeAsync(bot.Interactions.Autocomplete("history", null, "monitor", "tiny", admin: false));

        Assert.Equal(8, websites.Json.GetProperty("type").GetInt32());
        var choice = Assert.Single(websites.Json.GetProperty("data").GetProperty("choices").EnumerateArray());
        Assert.Equal("#2 Beta Cloud", choice.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Number, choice.GetProperty("value").ValueKind);
        Assert.Equal(2, choice.GetProperty("value").GetInt32());
        var monitor = Assert.Single(monitors.Json.GetProperty("data").GetProperty("choices").EnumerateArray());
        Assert.Equal(1, monitor.GetProperty("value").GetInt32());
        Assert.Contains("Tiny VPS", monitor.GetProperty("name").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Autocomplete_SubscribeEvents_CompletesTheListWithTheKindsItLacks()
    {
        var (empty, _) = await bot.InvokeAsync(bot.Interactions.Autocomplete("subscribe", null, "events", ""));
        var (typed, _) = await bot.InvokeAsync(bot.Interactions.Autocomplete("subscribe", null, "events", "restock,so"));

        var first = empty.Json.GetProperty("data").GetProperty("choices").EnumerateArray().First();
        Assert.Equal("restock,soldout,threshold,new", first.GetProperty("value").GetString());
        var choice = Assert.Single(typed.Json.GetProperty("data").GetProperty("choices").EnumerateArray());
        Assert.Equal("restock,soldout", choice.GetProperty("value").GetString());
    }

    [SkippableFact]
    public async Task Interactions_MemberWithoutManageServer_IsRefusedAndNothingChanges()
    {
        var (modal, _) = await bot.InvokeAsync(bot.Interactions.Command("website", "add", admin: false));
        var (monitor, _) = await bot.InvokeAsync(bot.Interactions.Command("monitor", "add", Args(("website", 1L), ("product", 101L)), admin: false));
        var (subscribe, _) = await bot.InvokeAsync(bot.Interactions.Command("subscribe", null, admin: false));
        var (submit, _) = await bot.InvokeAsync(bot.Interactions.ModalSubmit("stockbot:website add", new Dictionary<string, string>
        {
            ["name"] = "Sneaky", ["url"] = "https://x.example.com", ["api_identifier"] = "x", ["api_secret"] = "x-secret",
        }, admin: false));

        foreach (var refused in new[] { modal, monitor, subscribe, submit })
        {
            Assert.Equal(4, refused.Json.GetProperty("type").GetInt32());
            Assert.Equal(64, refused.Json.GetProperty("data").GetProperty("flags").GetInt32());
            Assert.Contains("admins", Embed(refused.Json).GetProperty("title").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, bot.Scalar("SELECT COUNT(*) FROM websites"));
        Assert.Equal(0, bot.Scalar("SELECT COUNT(*) FROM subscriptions"));
    }

    [SkippableFact]
    public async Task Interactions_BadOption_AnswersTheErrorEphemerally()
    {
        var (reply, _) = await bot.InvokeAsync(bot.Interactions.Command("status", null, Args(("monitor", 99L)), admin: false));

        Assert.Equal(4, reply.Json.GetProperty("type").GetInt32());
        Assert.Equal(64, reply.Json.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Contains("99", Embed(reply.Json).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Gateway_Close4004_StopsTheBotButNotTheProcess()
    {
        var lifetime = (Microsoft.Extensions.Hosting.IHostApplicationLifetime)bot.Host!.Services.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime))!;

        await bot.Connection.CloseAsync(4004, "Authentication failed");
        await WaitForAsync(() => bot.Gateway.Status == Gateway.GatewayStatus.Failed);
        await Task.Delay(300);

        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.Single(bot.Fake.Connections);
        Assert.Single(bot.Logs.GetSnapshot(), l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.Contains("Discord bot stopped: Discord rejected the bot token", StringComparison.Ordinal));
    }

    private static Dictionary<string, object> Args(params (string Name, object Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static JsonElement Embed(JsonElement message) =>
        (message.TryGetProperty("data", out var data) ? data : message).GetProperty("embeds")[0];

    private static void AssertMessage(FakeDiscordRequest callback, bool ephemeral, string titleContains)
    {
        var json = callback.Json;
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var data = json.GetProperty("data");
        Assert.Equal(ephemeral, data.TryGetProperty("flags", out var flags) && flags.GetInt32() == 64);
        Assert.Contains(titleContains, DiscordText.Escape(titleContains) == titleContains ? Embed(json).GetProperty("title").GetString() : Embed(json).GetProperty("title").GetString()!.Replace("\\", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true");
            await Task.Delay(20);
        }
    }
}
