using StockBot.Testing;
using StockBot.Testing.Telegram;
using static StockBot.Telegram.Tests.TelegramHostHarness;

namespace StockBot.Telegram.Tests;

/// <summary>Updates into the real host, database changes and replies out, through the fake Bot API.</summary>
public class TelegramCommandTests : IAsyncLifetime
{
    private readonly TestProvider provider;

    public TelegramCommandTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected TelegramCommandTests(TestProvider provider) => this.provider = provider;

    private TelegramHostHarness h = null!;

    public async Task InitializeAsync()
    {
        h = await CreateAsync(provider);
        await h.StartAsync();
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [SkippableFact]
    public async Task WebsiteAdd_AdminInPrivateChat_StoresWebsiteWithEncryptedSecretAndReplies()
    {
        var reply = await h.CommandAsync(AdminId, AdminId, "private",
            $"/website add \"Main Site\" {h.Store.WebsiteUrl} {h.Store.Identifier} {h.Store.Secret} US-East");

        Assert.Equal("html", reply.Get("parse_mode")?.ToLowerInvariant());
        Assert.Contains("<b>", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Main Site", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Store.Secret, reply.Text, StringComparison.Ordinal);
        Assert.Equal(1, h.Count("websites WHERE name = 'Main Site' AND region = 'US-East'"));
        var stored = h.Scalar("SELECT api_secret FROM websites");
        Assert.False(string.IsNullOrEmpty(stored));
        Assert.DoesNotContain(h.Store.Secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Telegram.Calls, c => c.Method == "deleteMessage");
    }

    [SkippableFact]
    public async Task MonitorAdd_PositionalAndKeyValue_CreatesMonitorWithThreshold()
    {
        await h.AddWebsiteAndMonitorsAsync();

        var reply = await h.CommandAsync(AdminId, AdminId, "private", "/monitor add 1 101 low=5");

        Assert.Contains("Monitor", reply.Text, StringComparison.Ordinal);
        Assert.Equal(1, h.Count("monitor_configs WHERE website_id = 1 AND product_id = 101 AND threshold_low = 5"));
    }

    [SkippableFact]
    public async Task MonitorAdd_MissingProduct_AnswersWithUsageAndWritesNothing()
    {
        await h.AddWebsiteAndMonitorsAsync();

        var reply = await h.CommandAsync(AdminId, AdminId, "private", "/monitor add 1");
        var wrong = await h.CommandAsync(AdminId, AdminId, "private", "/monitor add one 101");

        Assert.Contains("/monitor add &lt;website&gt; &lt;product&gt;", reply.Text, StringComparison.Ordinal);
        Assert.Contains("whole number", wrong.Text, StringComparison.Ordinal);
        Assert.Equal(0, h.Count("monitor_configs"));
    }

    [SkippableFact]
    public async Task Subscribe_ChatAdminInGroup_CreatesSubscriptionForTheGroup()
    {
        h.Telegram.SetMember(GroupId, MemberId, "administrator");

        var reply = await h.CommandAsync(MemberId, GroupId, "supergroup", $"/subscribe@{FakeTelegramBotApi.BotUsername} events=restock,purchase");

        Assert.Contains("Subscribed", reply.Text, StringComparison.Ordinal);
        Assert.Equal(1, h.Count($"subscriptions WHERE platform = 'telegram' AND channel_id = '{GroupId}' AND event_kinds = 'restock,purchase' AND is_active = TRUE"));
        Assert.Contains(h.Telegram.Calls, c => c.Method == "getChatMember" && c.GetLong("user_id") == MemberId);
    }

    [SkippableFact]
    public async Task Subscribe_NonAdminInGroup_IsRefusedAndNothingIsWritten()
    {
        var reply = await h.CommandAsync(MemberId, GroupId, "group", "/subscribe");
        var manage = await h.CommandAsync(MemberId, MemberId, "private", "/website add X https://x.example.com id secret");
        var list = await h.CommandAsync(MemberId, MemberId, "private", "/website list");

        Assert.Contains("⛔", reply.Text, StringComparison.Ordinal);
        Assert.Contains("admins", reply.Text, StringComparison.Ordinal);
        Assert.Contains("⛔", manage.Text, StringComparison.Ordinal);
        Assert.Contains("⛔", list.Text, StringComparison.Ordinal);
        Assert.Equal(0, h.Count("subscriptions"));
        Assert.Equal(0, h.Count("websites"));
    }

    [SkippableFact]
    public async Task WebsiteAdd_SecretInGroup_IsRefusedDeletedAndNotStored()
    {
        h.Telegram.SetMember(GroupId, AdminId, "administrator");
        const string secret = "group-secret-never-stored-9";

        var messageId = h.Telegram.EnqueueText(AdminId, GroupId, "supergroup", $"/website add Leak https://leak.example.com ident {secret}");
        var reply = await h.Telegram.WaitForAsync("sendMessage", c => c.ChatId == Id(GroupId));
        var deleted = await h.Telegram.WaitForAsync("deleteMessage");

        Assert.Contains("⛔", reply.Text, StringComparison.Ordinal);
        Assert.Contains("private chat", reply.Text, StringComparison.Ordinal);
        Assert.Equal(messageId, deleted.GetLong("message_id"));
        Assert.Equal(Id(GroupId), deleted.ChatId);
        Assert.Equal(0, h.Count("websites"));
        Assert.DoesNotContain(h.Telegram.Calls, c => c.Method.StartsWith("send", StringComparison.Ordinal) && c.Body.GetRawText().Contains(secret, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task StatusAndHistory_AnyMember_ReplyWithStockAndAChartPhoto()
    {
        await h.AddWebsiteAndMonitorsAsync(101);
        await h.RunCycleAsync();
        h.Store.SetStock(101, 9);
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        await h.RunCycleAsync();

        var status = await h.CommandAsync(MemberId, GroupId, "group", "/status");
        var one = await h.CommandAsync(MemberId, MemberId, "private", "/status 1");
        var history = await h.CommandAsync(MemberId, GroupId, "group", "/history 1", "sendPhoto");

        Assert.Contains("VPS Small 2GB", status.Text, StringComparison.Ordinal);
        Assert.Contains("9", one.Text, StringComparison.Ordinal);
        Assert.Contains(one.Buttons, b => b.Text == "Buy" && b.Url!.EndsWith("cart.php?a=add&pid=101", StringComparison.Ordinal));
        Assert.NotNull(history.File);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], history.File![..4]);
        Assert.InRange(history.Caption!.Length, 1, 1024);
        Assert.Contains("VPS Small 2GB", history.Caption, StringComparison.Ordinal);
        Assert.Equal("html", history.Get("parse_mode")?.ToLowerInvariant());
        Assert.Empty(h.Telegram.Violations);
    }

    [SkippableFact]
    public async Task UnknownCommand_IgnoredInGroups_AnsweredWithHelpHintInPrivate()
    {
        h.Telegram.EnqueueText(MemberId, GroupId, "group", "/weather tomorrow");
        var reply = await h.CommandAsync(MemberId, MemberId, "private", "/weather");
        var help = await h.CommandAsync(MemberId, MemberId, "private", "/help");

        Assert.Contains("/help", reply.Text, StringComparison.Ordinal);
        Assert.Contains("/status", help.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/website add", help.Text, StringComparison.Ordinal);
        Assert.Empty(h.Telegram.Sent("sendMessage", Id(GroupId)));
    }

    [SkippableFact]
    public async Task CommandHead_StartThisBotOtherBotAndPlainText_OnlyOursAreAnswered()
    {
        h.Telegram.EnqueueText(MemberId, MemberId, "private", "/status@OtherBot");
        h.Telegram.EnqueueText(MemberId, MemberId, "private", "just some text");
        var start = await h.CommandAsync(MemberId, MemberId, "private", "/start");
        var ours = await h.CommandAsync(MemberId, MemberId, "private", $"/help@{FakeTelegramBotApi.BotUsername}");

        Assert.Contains("/status", start.Text, StringComparison.Ordinal);
        Assert.Contains("/status", ours.Text, StringComparison.Ordinal);
        Assert.Equal(2, h.Telegram.Sent("sendMessage", Id(MemberId)).Count);
    }

    [SkippableFact]
    public async Task Start_PublishesEveryoneCommandsByDefaultAndAllCommandsToAdmins()
    {
        var calls = h.Telegram.CallsTo("setMyCommands");
        var defaults = calls.Single(c => c.Body.GetProperty("scope").GetProperty("type").GetString() == "default");
        var admin = calls.Single(c => c.Body.GetProperty("scope").GetProperty("type").GetString() == "chat");
        var defaultNames = defaults.Body.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("command").GetString()).ToList();
        var adminNames = admin.Body.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("command").GetString()).ToList();
        Assert.Contains("status", defaultNames);
        Assert.Contains("history", defaultNames);
        Assert.DoesNotContain("website", defaultNames);
        Assert.Contains("website", adminNames);
        Assert.Contains("monitor", adminNames);
        Assert.Equal(AdminId, admin.Body.GetProperty("scope").GetProperty("chat_id").GetInt64());
    }

    [SkippableFact]
    public async Task Subscribe_ChannelByUsernameFromPrivateChat_ResolvesTheIdAndChecksTheBotMayPost()
    {
        const long channel = -100888;
        h.Telegram.AddChat(channel, "channel", "Deals", "@deals_channel");
        h.Telegram.SetMember(channel, FakeTelegramBotApi.BotId, "member");

        var refused = await h.CommandAsync(AdminId, AdminId, "private", "/subscribe chat=@deals_channel");
        h.Telegram.SetMember(channel, FakeTelegramBotApi.BotId, "administrator", canPostMessages: true);
        var accepted = await h.CommandAsync(AdminId, AdminId, "private", "/subscribe events=restock chat=@deals_channel");
        var strangerChannel = await h.CommandAsync(MemberId, MemberId, "private", "/subscribe chat=@deals_channel");
        var unknown = await h.CommandAsync(AdminId, AdminId, "private", "/subscribe chat=@nowhere");

        Assert.Contains("may not post", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Subscribed", accepted.Text, StringComparison.Ordinal);
        Assert.Equal(1, h.Count($"subscriptions WHERE channel_id = '{channel}' AND event_kinds = 'restock'"));
        Assert.Contains("⛔", strangerChannel.Text, StringComparison.Ordinal);
        Assert.Contains("cannot find", unknown.Text, StringComparison.Ordinal);
        Assert.Equal(1, h.Count("subscriptions"));
    }
}
