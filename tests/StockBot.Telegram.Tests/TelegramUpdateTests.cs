using StockBot.Testing;
using StockBot.Testing.Telegram;
using static StockBot.Telegram.Tests.TelegramHostHarness;

namespace StockBot.Telegram.Tests;

/// <summary>Updates as the real Bot API delivers them, through the real host: offsets, concurrency, other bots, membership, migrations, topics.</summary>
public class TelegramUpdateTests : IAsyncLifetime
{
    private readonly TestProvider provider;

    public TelegramUpdateTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected TelegramUpdateTests(TestProvider provider) => this.provider = provider;

    private const long OtherChat = 3003;

    private TelegramHostHarness h = null!;

    public async Task InitializeAsync()
    {
        h = await CreateAsync(provider);
        await h.StartAsync();
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [SkippableFact]
    public async Task Restart_ConfirmationNeverReachedTelegram_TheCommandDoesNotRunTwice()
    {
        h.Telegram.HoldConfirmations = true;
        await h.CommandAsync(AdminId, AdminId, "private", "/subscribe events=restock");

        await h.Service.StopAsync();
        await h.StartAsync();
        var help = await h.CommandAsync(AdminId, AdminId, "private", "/help");

        Assert.Contains("/status", help.Text, StringComparison.Ordinal);
        var replies = h.Telegram.Sent("sendMessage", Id(AdminId)).Where(r => !TelegramHostHarness.IsTestMessage(r)).ToList();
        Assert.Equal(2, replies.Count);
        Assert.DoesNotContain(replies, r => r.Text!.Contains("already subscribed", StringComparison.Ordinal));
        Assert.NotNull(h.Scalar("SELECT value FROM bot_state WHERE key = 'telegram_update_offset'"));
    }

    [SkippableFact]
    public async Task SlowChat_OtherChatsAreAnsweredMeanwhile_AndEachChatKeepsItsOrder()
    {
        h.Telegram.HoldSends(MemberId);
        h.Telegram.EnqueueText(MemberId, MemberId, "private", "/help");
        await WaitUntilAsync(() => h.Telegram.HeldRequests == 1, "the slow chat's reply to be in flight");

        var first = h.Telegram.EnqueueText(OtherChat, OtherChat, "private", "/help");
        var second = h.Telegram.EnqueueText(OtherChat, OtherChat, "private", "/subscriptions");
        await h.Telegram.WaitForAsync("sendMessage", c => c.ChatId == Id(OtherChat), skip: 1);
        h.Telegram.ReleaseSends(MemberId);
        await h.Telegram.WaitForAsync("sendMessage", c => c.ChatId == Id(MemberId));

        var other = h.Telegram.Sent("sendMessage", Id(OtherChat));
        Assert.Equal([first, second], other.Select(c => (int)ReplyTo(c)));
        Assert.Empty(h.Telegram.Violations);
    }

    [SkippableFact]
    public async Task OtherBotsCommandsAndPlainText_GetNoReply_StartWithPayloadGetsTheHelp()
    {
        h.Telegram.EnqueueText(MemberId, GroupId, "supergroup", "/poll@OtherBot \"Which plan?");
        h.Telegram.EnqueueText(MemberId, MemberId, "private", "/poll@OtherBot \"Which plan?");
        h.Telegram.EnqueueText(MemberId, GroupId, "supergroup", "/weather \"tomorrow");
        h.Telegram.EnqueueText(MemberId, MemberId, "private", "hello \"there");

        var start = await h.CommandAsync(MemberId, MemberId, "private", "/start ref_launch2026");

        Assert.Contains("/status", start.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("⚠️", start.Text, StringComparison.Ordinal);
        Assert.Single(h.Telegram.Sent("sendMessage", Id(MemberId)));
        Assert.Empty(h.Telegram.Sent("sendMessage", Id(GroupId)));
    }

    [SkippableFact]
    public async Task MyChatMember_RequestedAndActedOn_KickedTurnsOffRestrictedMarksPromotedClears()
    {
        const long kicked = -100601;
        const long restricted = -100602;
        await SubscribeAsync(kicked);
        await SubscribeAsync(restricted);

        h.Telegram.EnqueueMyChatMember(kicked, "supergroup", "member", "kicked");
        h.Telegram.EnqueueMyChatMember(restricted, "supergroup", "member", "restricted", canPost: false);
        await WaitUntilAsync(() => h.Count($"subscriptions WHERE channel_id = '{kicked}' AND is_active = FALSE") == 1
            && h.Count($"subscriptions WHERE channel_id = '{restricted}' AND last_error LIKE 'can''t post:%'") == 1
            && h.Logged($"chat {kicked}") && h.Logged($"chat {restricted}"), "both membership changes applied and logged");

        Assert.Contains("my_chat_member", h.Telegram.AllowedUpdates!);
        Assert.Contains("removed", h.Scalar($"SELECT last_error FROM subscriptions WHERE channel_id = '{kicked}'"), StringComparison.Ordinal);
        Assert.Equal(1, h.Count($"subscriptions WHERE channel_id = '{restricted}' AND is_active = TRUE"));
        Assert.Contains(h.Service.Logs.GetSnapshot(), l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.Contains($"chat {kicked}", StringComparison.Ordinal));

        h.Telegram.EnqueueMyChatMember(restricted, "supergroup", "restricted", "administrator");
        await WaitUntilAsync(() => h.Count($"subscriptions WHERE channel_id = '{restricted}' AND last_error IS NULL") == 1, "the can't-post mark cleared");
        Assert.Equal(1, h.Count($"subscriptions WHERE channel_id = '{restricted}' AND is_active = TRUE"));
    }

    [SkippableFact]
    public async Task GroupUpgradedToSupergroup_ServiceMessagesMoveItsSubscriptions()
    {
        const long group = -4001;
        const long supergroup = -1004001;
        await SubscribeAsync(group);

        h.Telegram.UpgradeGroup(group, supergroup);
        await WaitUntilAsync(() => h.Count($"subscriptions WHERE channel_id = '{supergroup}'") == 1, "the subscription moved");
        var list = await h.CommandAsync(MemberId, supergroup, "supergroup", "/subscriptions");

        Assert.Equal(0, h.Count($"subscriptions WHERE channel_id = '{group}'"));
        Assert.Contains("1 kind(s) of alert", list.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SubscribeInAForumTopic_ReplyStaysInTheTopic_AndAlertsGoThere()
    {
        h.Telegram.SetMember(GroupId, MemberId, "administrator");
        await h.AddWebsiteAndMonitorsAsync(101);

        var reply = await h.CommandAsync(MemberId, GroupId, "supergroup", "/subscribe", threadId: 77);
        await h.RunCycleAsync();
        h.Store.SetStock(101, 0);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var result = await h.RunCycleAsync();

        Assert.Contains("this topic", reply.Text, StringComparison.Ordinal);
        Assert.Equal(77, reply.GetLong("message_thread_id"));
        Assert.Equal("77", h.Scalar($"SELECT thread_id FROM subscriptions WHERE channel_id = '{GroupId}'"));
        Assert.Equal(1, result.Sent);
        Assert.Equal(77, h.Telegram.Sent("sendMessage", Id(GroupId))[^1].GetLong("message_thread_id"));
    }

    [SkippableFact]
    public async Task Reply429WithShortRetryAfter_IsRetriedAndDelivered()
    {
        h.Telegram.FailSends429(retryAfterSeconds: 2, times: 1, chatId: Id(MemberId));

        var help = await h.CommandAsync(MemberId, MemberId, "private", "/help");

        Assert.Contains("/status", help.Text, StringComparison.Ordinal);
        Assert.Equal(2, h.Telegram.CallsTo("sendMessage").Count(c => c.ChatId == Id(MemberId)));
    }

    [SkippableFact]
    public async Task ReplyButtonRefused_SentAgainAsPlainTextWithTheLink()
    {
        await h.AddWebsiteAndMonitorsAsync(101);
        await h.RunCycleAsync();
        h.Telegram.Fail(new FakeTelegramFailure(400, "Bad Request: BUTTON_URL_INVALID", ChatId: Id(MemberId)));

        var status = await h.CommandAsync(MemberId, MemberId, "private", "/status 1");

        Assert.Null(status.Get("parse_mode"));
        Assert.Null(status.Get("reply_markup"));
        Assert.Contains("Buy: ", status.Text, StringComparison.Ordinal);
        Assert.Contains("cart.php?a=add&pid=101", status.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ReplyPhotoRefusedForMembersWithoutPhotoRights_SentAsText()
    {
        await h.AddWebsiteAndMonitorsAsync(101);
        await h.RunCycleAsync();
        h.Telegram.SetBotRights(GroupId, photos: false);

        var history = await h.CommandAsync(MemberId, GroupId, "supergroup", "/history 1");

        Assert.Contains("VPS Small 2GB", history.Text, StringComparison.Ordinal);
        Assert.Empty(h.Telegram.Sent("sendPhoto"));
        Assert.Contains(h.Telegram.Violations, v => v.Contains("not enough rights to send photos", StringComparison.Ordinal));
    }

    private static long ReplyTo(TelegramCall call) =>
        call.Body.TryGetProperty("reply_parameters", out var reply) ? reply.GetProperty("message_id").GetInt64() : 0;

    private async Task SubscribeAsync(long chat)
    {
        var result = await h.CliAsync(["subscription", "add", "--platform", "telegram", "--channel", Id(chat)]);
        Assert.True(result.ExitCode == 0, result.Error);
    }
}
