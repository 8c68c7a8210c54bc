using StockBot.Testing;
using StockBot.Testing.Discord;

namespace StockBot.Discord.Tests;

/// <summary>/subscribe checks what the bot may do in the channel; no interaction is answered after Discord's deadline.</summary>
public class SubscribeAndDeadlineTests : IAsyncLifetime
{
    private readonly TestProvider provider;

    public SubscribeAndDeadlineTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected SubscribeAndDeadlineTests(TestProvider provider) => this.provider = provider;

    private const string RoleId = "730000000000000009";

    private DiscordBotHarness bot = null!;

    public async Task InitializeAsync()
    {
        bot = await DiscordBotHarness.CreateAsync(provider);
        await bot.StartAsync();
    }

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [SkippableFact]
    public async Task Subscribe_BotCannotSendMessagesHere_IsRefusedNamingThePermissionAndSavesNothing()
    {
        var (reply, _) = await bot.InvokeAsync(bot.Interactions.Command("subscribe", null, appPermissions: "1024"));

        var data = reply.Json.GetProperty("data");
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.Contains("Send Messages", data.GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, bot.Scalar("SELECT COUNT(*) FROM subscriptions"));
    }

    [SkippableFact]
    public async Task Subscribe_NoEmbedLinksAndARoleNobodyMayPing_SubscribesWithBothWarnings()
    {
        var interaction = bot.Interactions.Command("subscribe", null, Args(("mention", RoleId)), appPermissions: "3072",
            resolved: FakeInteractions.ResolvedRole(RoleId, "Restock pings", mentionable: false));

        var (reply, _) = await bot.InvokeAsync(interaction);

        var description = reply.Json.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString()!;
        Assert.Contains("Embed Links", description, StringComparison.Ordinal);
        Assert.Contains("Restock pings is not mentionable", description, StringComparison.Ordinal);
        Assert.Equal(1, bot.Scalar("SELECT COUNT(*) FROM subscriptions"));
    }

    [SkippableFact]
    public async Task Subscribe_AllPermissionsAndAMentionableRole_NoWarning()
    {
        var interaction = bot.Interactions.Command("subscribe", null, Args(("mention", RoleId)),
            resolved: FakeInteractions.ResolvedRole(RoleId, "Restock pings", mentionable: true));

        var (reply, _) = await bot.InvokeAsync(interaction);

        Assert.DoesNotContain("Warning", reply.Body, StringComparison.Ordinal);
        Assert.Equal(1, bot.Scalar("SELECT COUNT(*) FROM subscriptions"));
    }

    [SkippableFact]
    public async Task Interaction_OlderThanTheCallbackDeadline_IsDroppedAndLoggedNotAnswered()
    {
        var late = bot.Interactions.Command("help", null, admin: false, ago: TimeSpan.FromSeconds(4));
        var onTime = bot.Interactions.Command("help", null, admin: false);

        await bot.Connection.SendInteractionAsync(late);
        await bot.Fake.WaitAsync(() => bot.Logs.GetSnapshot().FirstOrDefault(l => l.Message.Contains("answer dropped", StringComparison.Ordinal))?.Message, null, "the dropped answer logged");
        var (answer, _) = await bot.InvokeAsync(onTime);

        Assert.Empty(bot.Fake.RequestsTo("POST", $"/interactions/{late["id"]!.GetValue<string>()}/"));
        Assert.Equal(204, bot.Fake.Answers.Single(a => ReferenceEquals(a.Request, answer)).Status);
        Assert.DoesNotContain(bot.Fake.Answers, a => a.Status == 404 && a.Request.Path.Contains("/interactions/", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Interactions_EveryBodySent_IsOneDiscordTakes()
    {
        var i = bot.Interactions;
        await bot.InvokeAsync(i.Command("website", "add"));
        await bot.InvokeAsync(i.Command("help", null));
        await bot.InvokeAsync(i.Command("status", null));
        await bot.InvokeAsync(i.Command("subscriptions", null));
        await bot.InvokeAsync(i.Autocomplete("status", null, "monitor", "x"));

        var refused = bot.Fake.Answers.Where(a => a.Status is >= 400).Select(a => $"{a.Request} {a.Status} {a.Body}").ToList();
        Assert.Empty(refused);
    }

    private static Dictionary<string, object> Args(params (string Name, object Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);
}
