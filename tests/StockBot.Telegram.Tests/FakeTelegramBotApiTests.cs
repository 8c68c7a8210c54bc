using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StockBot.Testing.Telegram;

namespace StockBot.Telegram.Tests;

/// <summary>The strict fake answers as the Bot API documents it, so the tests above stand for the real thing.</summary>
public sealed class FakeTelegramBotApiTests : IAsyncLifetime
{
    private static readonly string[] OnlyMessages = ["message"];

    private readonly HttpClient http = new();
    private readonly JumpingTimeProvider clock = new();
    private FakeTelegramBotApi telegram = null!;

    public async Task InitializeAsync()
    {
        telegram = await FakeTelegramBotApi.StartAsync();
        telegram.Clock = clock;
    }

    public async Task DisposeAsync()
    {
        await telegram.DisposeAsync();
        http.Dispose();
    }

    [Theory]
    [InlineData("<b>bold</b> &amp; <i>fine</i>", "html", 200, null)]
    [InlineData("<div>x</div>", "HTML", 400, "Bad Request: can't parse entities: Unsupported start tag \"div\" at byte offset 0")]
    [InlineData("<b>open", "HTML", 400, "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"")]
    [InlineData("<b>x</i>", "HTML", 400, "Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\"")]
    [InlineData("<div> is fine as plain text", null, 200, null)]
    [InlineData("   ", null, 400, "Bad Request: message text is empty")]
    public async Task SendMessage_Html_ParsedAsTelegramDoes(string text, string? parseMode, int status, string? description)
    {
        var (code, body) = await PostAsync("sendMessage", new { chat_id = 1, text, parse_mode = parseMode });

        Assert.Equal(status, code);
        if (description is not null)
        {
            Assert.False(body.GetProperty("ok").GetBoolean());
            Assert.Equal(status, body.GetProperty("error_code").GetInt32());
            Assert.Equal(description, body.GetProperty("description").GetString());
        }
    }

    [Fact]
    public async Task SendMessage_LimitsCountTheParsedText()
    {
        var fits = await PostAsync("sendMessage", new { chat_id = 2, text = "<b>" + new string('x', 4096) + "</b>", parse_mode = "HTML" });
        await Task.Delay(TimeSpan.FromSeconds(2), clock);
        var tooLong = await PostAsync("sendMessage", new { chat_id = 2, text = new string('x', 4097) });
        var button = await PostAsync("sendMessage", new { chat_id = 3, text = "x", reply_markup = new { inline_keyboard = new[] { new[] { new { text = "Buy", url = "javascript:alert(1)" } } } } });

        Assert.Equal(200, fits.Code);
        Assert.Equal("Bad Request: message is too long", tooLong.Body.GetProperty("description").GetString());
        Assert.Equal("Bad Request: BUTTON_URL_INVALID", button.Body.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Sends_FasterThanTelegramAllows_Answer429WithRetryAfter()
    {
        var first = await PostAsync("sendMessage", new { chat_id = 5, text = "one" });
        var second = await PostAsync("sendMessage", new { chat_id = 5, text = "two" });
        var group = new List<int>();
        for (var i = 0; i < 21; i++)
        {
            group.Add((await PostAsync("sendMessage", new { chat_id = -100700, text = $"g{i}" })).Code);
            await Task.Delay(TimeSpan.FromSeconds(1.5), clock);
        }

        Assert.Equal(200, first.Code);
        Assert.Equal(429, second.Code);
        Assert.Equal(1, second.Body.GetProperty("parameters").GetProperty("retry_after").GetInt32());
        Assert.Equal(Enumerable.Repeat(200, 20).Append(429), group);
        Assert.Equal(2, telegram.RateLimitAnswers);
    }

    [Fact]
    public async Task UpgradedGroup_Answers400WithMigrateToChatId()
    {
        telegram.UpgradeGroup(-4001, -1004001, serviceMessages: false);

        var (code, body) = await PostAsync("sendMessage", new { chat_id = -4001, text = "x" });

        Assert.Equal(400, code);
        Assert.Equal("Bad Request: group chat was upgraded to a supergroup chat", body.GetProperty("description").GetString());
        Assert.Equal(-1004001, body.GetProperty("parameters").GetProperty("migrate_to_chat_id").GetInt64());
    }

    [Fact]
    public async Task GetUpdates_AllowedUpdatesHonouredAndOffsetConfirms()
    {
        telegram.EnqueueMyChatMember(-100800, "supergroup", "member", "kicked");
        telegram.EnqueueText(1, 1, "private", "/help");

        var onlyMessages = await PostAsync("getUpdates", new { allowed_updates = OnlyMessages });
        var id = onlyMessages.Body.GetProperty("result")[0].GetProperty("update_id").GetInt64();
        var confirmed = await PostAsync("getUpdates", new { offset = id + 1 });

        Assert.Single(onlyMessages.Body.GetProperty("result").EnumerateArray());
        Assert.True(onlyMessages.Body.GetProperty("result")[0].TryGetProperty("message", out _));
        Assert.Empty(confirmed.Body.GetProperty("result").EnumerateArray());
    }

    private async Task<(int Code, JsonElement Body)> PostAsync(string method, object parameters)
    {
        using var response = await http.PostAsJsonAsync($"{telegram.BaseUrl}/bot{telegram.Token}/{method}", parameters);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode == (int)HttpStatusCode.OK ? 200 : (int)response.StatusCode, body);
    }
}
