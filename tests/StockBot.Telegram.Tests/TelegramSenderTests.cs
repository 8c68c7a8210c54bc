using Microsoft.Extensions.Logging.Abstractions;
using StockBot.Core.Alerts;
using StockBot.Testing.Telegram;
using Telegram.Bot;

namespace StockBot.Telegram.Tests;

/// <summary>The alert sender against the strict fake: each Bot API answer becomes the outbox outcome it means.</summary>
public sealed class TelegramSenderTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private readonly HttpClient http = new();
    private FakeTelegramBotApi telegram = null!;
    private TelegramAlertSender sender = null!;

    public async Task InitializeAsync()
    {
        telegram = await FakeTelegramBotApi.StartAsync();
        var client = new TelegramBotClient(new TelegramBotClientOptions(telegram.Token, telegram.BaseUrl) { RetryThreshold = 0, RetryCount = 1 }, http);
        sender = new TelegramAlertSender(client, new TelegramPacer(), NullLogger<TelegramAlertSender>.Instance);
    }

    public async Task DisposeAsync()
    {
        await telegram.DisposeAsync();
        http.Dispose();
    }

    [Fact]
    public async Task SendAsync_GroupUpgradedToSupergroup_ReturnsMovedToTheNewId()
    {
        telegram.UpgradeGroup(-4001, -1004001, serviceMessages: false);

        var result = await sender.SendAsync(Restock(), Target("-4001"), CancellationToken.None);

        Assert.Equal(AlertSendStatus.ChannelMoved, result.Status);
        Assert.Equal("-1004001", result.MovedTo);
    }

    [Theory]
    [InlineData("topic", "Bad Request: TOPIC_CLOSED")]
    [InlineData("rights", "Bad Request: not enough rights to send text messages to the chat")]
    [InlineData("button", "Bad Request: BUTTON_URL_INVALID")]
    public async Task SendAsync_TelegramRefusesTheMessage_RejectedWithTelegramsOwnDescription(string cause, string description)
    {
        var target = Target("-100200");
        switch (cause)
        {
            case "topic":
                telegram.CloseTopic(-100200, 7);
                target = target with { ThreadId = "7" };
                break;
            case "rights":
                telegram.SetBotRights(-100200, text: false);
                break;
            default:
                telegram.Fail(new FakeTelegramFailure(400, description, ChatId: "-100200"));
                break;
        }

        var result = await sender.SendAsync(Restock(), target, CancellationToken.None);

        Assert.Equal(AlertSendStatus.Rejected, result.Status);
        Assert.Contains(description, result.Error, StringComparison.Ordinal);
        Assert.Single(telegram.CallsTo("sendMessage"));
    }

    [Theory]
    [InlineData(403, "Forbidden: bot was kicked from the supergroup chat", AlertSendStatus.ChannelGone)]
    [InlineData(403, "Forbidden: bot is not a member of the channel chat", AlertSendStatus.ChannelGone)]
    [InlineData(403, "Forbidden: bot was blocked by the user", AlertSendStatus.ChannelGone)]
    [InlineData(400, "Bad Request: chat not found", AlertSendStatus.ChannelGone)]
    [InlineData(502, "Bad Gateway", AlertSendStatus.Retry)]
    [InlineData(500, "Internal Server Error", AlertSendStatus.Retry)]
    public async Task SendAsync_ChatOrServerAnswers_MapToGoneOrRetry(int status, string description, AlertSendStatus expected)
    {
        telegram.Fail(new FakeTelegramFailure(status, description));

        var result = await sender.SendAsync(Restock(), Target("-100300"), CancellationToken.None);

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public async Task SendAsync_429_RetryWithTelegramsRetryAfter()
    {
        telegram.FailSends429(retryAfterSeconds: 9);

        var result = await sender.SendAsync(Restock(), Target("-100301"), CancellationToken.None);

        Assert.Equal((AlertSendStatus.Retry, TimeSpan.FromSeconds(9)), (result.Status, result.RetryAfter));
    }

    [Fact]
    public async Task SendAsync_PlainForm_TextOnlyWithoutParseModeButtonOrMentionAndTheBuyLinkAsText()
    {
        var target = Target("-100400") with { Form = AlertForm.Plain };

        var result = await sender.SendAsync(Restock("VPS <b>Big</b> & co"), target with { Mention = "@oncall" }, CancellationToken.None);

        Assert.Equal(AlertSendStatus.Sent, result.Status);
        var sent = Assert.Single(telegram.Sent("sendMessage", "-100400"));
        Assert.Null(sent.Get("parse_mode"));
        Assert.Null(sent.Get("reply_markup"));
        Assert.Contains("VPS <b>Big</b> & co", sent.Text, StringComparison.Ordinal);
        Assert.Contains("Buy: https://x.example.com/cart.php?a=add&pid=101", sent.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("@oncall", sent.Text, StringComparison.Ordinal);
        Assert.Empty(telegram.Violations);
    }

    [Fact]
    public async Task SendAsync_TargetWithThread_PostsIntoThatForumTopic()
    {
        var result = await sender.SendAsync(Restock(), Target("-100500") with { ThreadId = "42" }, CancellationToken.None);

        Assert.Equal(AlertSendStatus.Sent, result.Status);
        Assert.Equal(42, Assert.Single(telegram.Sent("sendMessage", "-100500")).GetLong("message_thread_id"));
    }

    private static Alert Restock(string product = "VPS Small") =>
        new(1, AlertKind.Restock, 1, product, 101, "Sim", "EU", 0, 5, 5, true, null, Now.AddMinutes(-1), "https://x.example.com/cart.php?a=add&pid=101", null);

    private static AlertTarget Target(string chat) => new(1, StockBot.Data.Entities.Platform.Telegram, chat, null);
}
