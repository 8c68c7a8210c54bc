using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using StockBot.Core.Alerts;
using StockBot.Core.Commands;

namespace StockBot.Telegram.Tests;

/// <summary>The pure parts: HTML, splitting, alert text, pacing, settings.</summary>
public sealed class TelegramRenderingTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Truncate_CutFallsInsideAnEmoji_CutsBeforeIt()
    {
        // "a😀b": the emoji is a surrogate pair at 1..2; a cut at 2 would leave half of it, which is not valid UTF-8.
        Assert.Equal("a…", TelegramHtml.Truncate("a\U0001F600b", 3));
        Assert.Equal("a\U0001F600…", TelegramHtml.Truncate("a\U0001F600bc", 4));
    }

    [Fact]
    public void Render_ThresholdAlertWithUserText_EscapesAndShowsChangeThresholdAndUtcTime()
    {
        var alert = new Alert(1, AlertKind.ThresholdLow, 3, "VPS <b>Tiny</b>", 101, "A&B Hosting", "EU", 8, 3, -5, true, 5, Now.AddMinutes(-2), "https://x.example.com/cart.php?a=add&pid=101", null);

        var html = TelegramAlertSender.Render(alert, "@ops <team>");

        Assert.StartsWith("@ops &lt;team&gt; 🔴 <b>Low stock: VPS &lt;b&gt;Tiny&lt;/b&gt;</b>", html, StringComparison.Ordinal);
        Assert.Contains("A&amp;B Hosting (EU)", html, StringComparison.Ordinal);
        Assert.Contains("8 → 3 (-5)", html, StringComparison.Ordinal);
        Assert.Contains("Only 3 left, below the low mark of 5. 5 units sold.", html, StringComparison.Ordinal);
        Assert.Contains("<i>2026-11-25 11:58 UTC</i>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_ManyLines_EveryPartUnderTheLimitAndNothingLost()
    {
        var lines = Enumerable.Range(1, 400).Select(i => $"line {i}: " + new string('x', 40)).ToList();

        var parts = TelegramHtml.Split(lines);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, TelegramHtml.MaxMessageLength));
        Assert.Equal(lines, parts.SelectMany(p => p.Split('\n')));
    }

    [Fact]
    public void RenderReply_LongListWithButtons_SplitsAndPutsButtonsOnTheLastMessage()
    {
        var reply = CommandReply.Ok("Stock <now>", Enumerable.Range(1, 300).Select(i => $"#{i} Product & co: {i} in stock").ToList(), [new ReplyButton("Buy", "https://x.example.com/cart.php?a=add&pid=1"), new ReplyButton("Bad", "javascript:alert(1)")]);

        var messages = TelegramReplyRenderer.Render(reply);

        Assert.True(messages.Count > 1);
        Assert.StartsWith("<b>Stock &lt;now&gt;</b>", messages[0].Html, StringComparison.Ordinal);
        Assert.All(messages, m => Assert.True(m.Html.Length <= TelegramHtml.MaxMessageLength));
        Assert.All(messages.SkipLast(1), m => Assert.Null(m.Keyboard));
        var buttons = messages[^1].Keyboard!.InlineKeyboard.SelectMany(r => r).ToList();
        Assert.Equal("Buy", Assert.Single(buttons).Text);
    }

    [Fact]
    public void RenderReply_ChartWithLongHistory_CaptionFitsAndTheRestFollowsAsText()
    {
        var reply = new CommandReply(ReplyStatus.Ok, "VPS @ Sim", Enumerable.Range(1, 60).Select(i => $"Nov {i} 12:00 UTC: {i} (+1) restock").ToList(), [], [0x89, 0x50, 0x4E, 0x47], "VPS @ Sim: 60 reading(s)");

        var messages = TelegramReplyRenderer.Render(reply);

        Assert.NotNull(messages[0].Photo);
        Assert.InRange(messages[0].Html.Length, 1, TelegramHtml.MaxCaptionLength);
        Assert.StartsWith("<b>VPS @ Sim: 60 reading(s)</b>", messages[0].Html, StringComparison.Ordinal);
        Assert.True(messages.Count >= 2);
        Assert.Contains("Nov 60 12:00", messages[^1].Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Pacer_SameChatAndGroup_KeepAMarginUnderTelegramsLimits()
    {
        var pacer = new TelegramPacer(new FakeTimeProvider());

        var first = pacer.Reserve("42", TimeSpan.FromMinutes(2));
        var second = pacer.Reserve("42", TimeSpan.FromMinutes(2));
        var other = pacer.Reserve("43", TimeSpan.FromMinutes(2));
        var group = Enumerable.Range(0, 21).Select(_ => pacer.Reserve("-100", TimeSpan.FromMinutes(2))!.Value).ToList();
        var tooLong = pacer.Reserve("-100", TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.Zero, first);
        Assert.Equal(TimeSpan.FromSeconds(1.1), second);
        Assert.Equal(TimeSpan.Zero, other);
        // 3.2 s apart in a group: at most 19 in any minute (Telegram allows 20).
        Assert.All(group.Zip(group.Skip(1)), pair => Assert.Equal(3.2, (pair.Second - pair.First).TotalSeconds, 3));
        Assert.All(group.Select((t, i) => group.Skip(i).Count(u => u - t < TimeSpan.FromMinutes(1))), n => Assert.True(n <= 19));
        Assert.Null(tooLong);
    }

    [Fact]
    public void Pacer_ManyChats_AtMostTwentyFiveASecondInAll()
    {
        var pacer = new TelegramPacer(new FakeTimeProvider());

        var waits = Enumerable.Range(1, 30).Select(i => pacer.Reserve(i.ToString(System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMinutes(1))!.Value).ToList();

        Assert.All(waits.Take(25), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.All(waits.Skip(25), w => Assert.Equal(TimeSpan.FromSeconds(1), w));
    }

    [Fact]
    public void Pacer_PausedAfter429_WaitsForRetryAfter()
    {
        var pacer = new TelegramPacer(new FakeTimeProvider());
        pacer.Pause("42", TimeSpan.FromSeconds(3));

        var wait = pacer.Reserve("42", TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(3), wait);
    }

    [Fact]
    public void Options_CommaListOrArray_AllAdminIdsBound()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Telegram:Token"] = "123456:TEST-fake-token-not-real",
                ["Telegram:AdminUserIds"] = "11, 22",
                ["Telegram:AdminUserIds:0"] = "33",
            })
            .Build();
        var options = new TelegramOptions();

        TelegramOptions.Bind(config.GetSection("Telegram"), options);
        var valid = new TelegramOptionsValidator().Validate(null, options);

        Assert.Equal([11L, 22L, 33L], options.AdminUserIds);
        Assert.True(valid.Succeeded);
        Assert.Equal("https://api.telegram.org", options.EffectiveBaseUrl);
    }

    [Fact]
    public void Errors_Classify_MapsTelegramAnswersToOutboxResults()
    {
        static TelegramFailure Api(int code, string text, int? retry = null, long? migrate = null) =>
            TelegramErrors.Classify(new global::Telegram.Bot.Exceptions.ApiRequestException(text, code, retry is null && migrate is null ? null : new global::Telegram.Bot.Types.ResponseParameters { RetryAfter = retry, MigrateToChatId = migrate }));

        Assert.Equal((TelegramFailureKind.Transient, TimeSpan.FromSeconds(7)), (Api(429, "Too Many Requests: retry after 7", 7).Kind, Api(429, "x", 7).RetryAfter!.Value));
        Assert.Equal(TelegramFailureKind.ChatGone, Api(403, "Forbidden: bot was blocked by the user").Kind);
        Assert.Equal(TelegramFailureKind.ChatGone, Api(400, "Bad Request: chat not found").Kind);
        Assert.Equal(TelegramFailureKind.ChatGone, Api(403, "Forbidden: bot was kicked from the group chat").Kind);
        Assert.Equal(TelegramFailureKind.ChatGone, Api(403, "Forbidden: bot is not a member of the channel chat").Kind);
        Assert.Equal(TelegramFailureKind.Rejected, Api(400, "Bad Request: BUTTON_URL_INVALID").Kind);
        Assert.Equal(TelegramFailureKind.Rejected, Api(400, "Bad Request: not enough rights to send text messages to the chat").Kind);
        Assert.Equal(TelegramFailureKind.Rejected, Api(400, "Bad Request: need administrator rights in the channel chat").Kind);
        Assert.Equal(TelegramFailureKind.Rejected, Api(400, "Bad Request: TOPIC_CLOSED").Kind);
        Assert.Equal("Bad Request: message is too long", Api(400, "Bad Request: message is too long").Description);
        var moved = Api(400, "Bad Request: group chat was upgraded to a supergroup chat", migrate: -1004001);
        Assert.Equal((TelegramFailureKind.Moved, -1004001L), (moved.Kind, moved.MovedTo!.Value));
        Assert.Equal(TelegramFailureKind.Transient, Api(502, "Bad Gateway").Kind);
        Assert.Equal(TelegramFailureKind.Transient, Api(401, "Unauthorized").Kind);
        Assert.Equal(TelegramFailureKind.Transient, TelegramErrors.Classify(new global::Telegram.Bot.Exceptions.RequestException("x", new HttpRequestException("refused"))).Kind);
    }

    [Fact]
    public void Options_Invalid_OneLinePerProblemWithoutTheToken()
    {
        var options = new TelegramOptions { Token = "secret-looking", ApiBaseUrl = "not a url", InvalidAdminUserIds = ["bob"] };

        var result = new TelegramOptionsValidator().Validate(null, options);

        Assert.Equal(3, result.Failures!.Count());
        Assert.DoesNotContain(result.Failures!, f => f.Contains("secret-looking", StringComparison.Ordinal));
    }
}
