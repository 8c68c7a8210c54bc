using StockBot.Testing;
using StockBot.Testing.Discord;

namespace StockBot.Discord.Tests;

/// <summary>StockBot is managed only from the operator's guilds; everyone's commands work anywhere.</summary>
public class ManagementLockTests : IAsyncLifetime
{
    private readonly TestProvider provider;

    public ManagementLockTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected ManagementLockTests(TestProvider provider) => this.provider = provider;

    private DiscordBotHarness bot = null!;

    public async Task InitializeAsync() => bot = await DiscordBotHarness.CreateAsync(provider);

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [SkippableFact]
    public async Task Command_ManagementFromAnotherGuild_IsRefusedNamingTheSettingsAndChangesNothing()
    {
        await bot.StartAsync();
        Assert.Equal(0, (await bot.CliAsync("website", "add", "--name", "Private Site", "--url", "https://billing.example.com", "--api-identifier", "i", "--api-secret", "s")).ExitCode);
        var i = bot.Interactions;

        // Commands left over from a global registration still reach the bot from a foreign guild.
        var (list, _) = await bot.InvokeAsync(i.Command("website", "list", guildId: FakeInteractions.OtherGuildId, channelId: FakeInteractions.OtherGuildChannelId, offered: false));
        var (subscribe, _) = await bot.InvokeAsync(i.Command("subscribe", null, guildId: FakeInteractions.OtherGuildId, channelId: FakeInteractions.OtherGuildChannelId, offered: false));
        var (pause, _) = await bot.InvokeAsync(i.Command("monitor", "pause", Args(("monitor", 1L)), guildId: null, channelId: "700000000000000555", offered: false));
        var (submit, _) = await bot.InvokeAsync(i.ModalSubmit("stockbot:website add", new Dictionary<string, string>
        {
            ["name"] = "Sneaky", ["url"] = "https://x.example.com", ["api_identifier"] = "x", ["api_secret"] = "x-secret",
        }, guildId: FakeInteractions.OtherGuildId));
        var (suggest, _) = await bot.InvokeAsync(i.Autocomplete("monitor", "add", "website", "priv", guildId: FakeInteractions.OtherGuildId));

        foreach (var refused in new[] { list, subscribe, pause, submit })
        {
            var data = refused.Json.GetProperty("data");
            Assert.Equal(64, data.GetProperty("flags").GetInt32());
            var title = data.GetProperty("embeds")[0].GetProperty("title").GetString();
            Assert.Contains("Discord:GuildId", title, StringComparison.Ordinal);
            Assert.Contains("Discord:ManagementGuildIds", title, StringComparison.Ordinal);
            Assert.DoesNotContain("Private Site", refused.Body, StringComparison.Ordinal);
        }

        Assert.Empty(suggest.Json.GetProperty("data").GetProperty("choices").EnumerateArray());
        Assert.Equal(0, bot.Scalar("SELECT COUNT(*) FROM subscriptions"));
        Assert.Equal(1, bot.Scalar("SELECT COUNT(*) FROM websites"));

        // Everyone's commands work in the other guild too.
        var (status, _) = await bot.InvokeAsync(i.Command("status", null, admin: false, guildId: FakeInteractions.OtherGuildId, channelId: FakeInteractions.OtherGuildChannelId, offered: false));
        Assert.Equal(4, status.Json.GetProperty("type").GetInt32());
        Assert.DoesNotContain("Discord:GuildId", status.Body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Command_NeitherSettingSet_ManagementFromDiscordIsRefused()
    {
        bot.Settings.Remove("Discord:GuildId");
        await bot.StartAsync();

        var (list, _) = await bot.InvokeAsync(bot.Interactions.Command("website", "list", offered: false));
        var (help, _) = await bot.InvokeAsync(bot.Interactions.Command("help", null, admin: false));

        var title = list.Json.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString();
        Assert.Contains("Managing StockBot from Discord is off", title, StringComparison.Ordinal);
        Assert.Contains("Discord:GuildId or Discord:ManagementGuildIds", title, StringComparison.Ordinal);
        Assert.Contains("StockBot watches", help.Body, StringComparison.Ordinal);
        var global = bot.Fake.Registered(FakeDiscord.GlobalScope)!;
        Assert.Equal(["subscriptions", "status", "history", "help", "follow", "unfollow", "following"], global.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Empty(bot.Fake.RequestsTo("PUT", "/guilds/"));
    }

    [SkippableFact]
    public async Task Start_ManagementGuildIds_ManagementToThoseGuildsOnlyAndTheRestGlobalInServers()
    {
        const string Second = "700000000000000333";
        bot.Settings.Remove("Discord:GuildId");
        bot.Settings["Discord:ManagementGuildIds:0"] = $"{FakeInteractions.GuildId}, {Second}";
        await bot.StartAsync();
        await bot.Fake.WaitAsync(() => bot.Fake.Registered(Second), null, "the second guild's registration");

        var global = bot.Fake.Registered(FakeDiscord.GlobalScope)!;
        var guild = bot.Fake.Registered(FakeInteractions.GuildId)!;
        Assert.Equal(["subscriptions", "status", "history", "help", "follow", "unfollow", "following"], global.Select(c => c!["name"]!.GetValue<string>()));
        Assert.All(global, c =>
        {
            // Servers only, but the personal commands (/follow) also in DMs with the bot.
            Assert.Equal(c!["name"]!.GetValue<string>().Contains("follow", StringComparison.Ordinal) ? "[0,1]" : "[0]", c["contexts"]!.ToJsonString());
            Assert.Equal("[0]", c["integration_types"]!.ToJsonString());
        });
        Assert.Equal(["website", "monitor", "subscribe", "unsubscribe", "subscription"], guild.Select(c => c!["name"]!.GetValue<string>()));
        Assert.All(guild, c => Assert.Equal("32", c!["default_member_permissions"]!.GetValue<string>()));
        Assert.Equal(guild.Select(c => c!["name"]!.GetValue<string>()), bot.Fake.Registered(Second)!.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Null(bot.Fake.Registered(FakeInteractions.OtherGuildId));
        Assert.Null(bot.Fake.OfferedCommand("website", FakeInteractions.OtherGuildId));
        Assert.Null(bot.Fake.OfferedCommand("status", guildId: null));

        var (list, _) = await bot.InvokeAsync(bot.Interactions.Command("website", "list"));
        Assert.Contains("No websites yet", list.Body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Start_WebsiteAdd_RegisteredWithoutOptions_TheModalAsksForEverythingOnce()
    {
        await bot.StartAsync();

        var website = bot.Fake.Registered(FakeInteractions.GuildId)!.Single(c => c!["name"]!.GetValue<string>() == "website")!;
        var add = website["options"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "add")!;
        Assert.True(add["options"] is null || add["options"]!.AsArray().Count == 0);

        var (modal, _) = await bot.InvokeAsync(bot.Interactions.Command("website", "add"));
        Assert.Equal(9, modal.Json.GetProperty("type").GetInt32());
        var ids = modal.Json.GetProperty("data").GetProperty("components").EnumerateArray().Select(r => r.GetProperty("components")[0].GetProperty("custom_id").GetString());
        Assert.Equal(["name", "url", "api_identifier", "api_secret", "region"], ids);
        Assert.Equal(204, bot.Fake.Answers.Single(a => ReferenceEquals(a.Request, modal)).Status);
    }

    private static Dictionary<string, object> Args(params (string Name, object Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);
}
