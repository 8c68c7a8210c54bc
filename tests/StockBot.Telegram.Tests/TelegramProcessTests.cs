using StockBot.Testing;
using StockBot.Testing.Telegram;

namespace StockBot.Telegram.Tests;

/// <summary>`stockbot run` as its own process with the Telegram token set, HttpClient logging turned all the way up.</summary>
public sealed class TelegramProcessTests : IAsyncLifetime
{
    private readonly TempFolder folder = new("stockbot-tg-run-");
    private FakeTelegramBotApi telegram = null!;

    public async Task InitializeAsync() => telegram = await FakeTelegramBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await telegram.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task Run_WithToken_AnswersCommandsStopsCleanlyAndNeverLogsTheToken()
    {
        await using var bot = StockBotProcess.Start(folder.Path, new Dictionary<string, string>
        {
            ["Telegram__Token"] = telegram.Token,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl,
            ["Telegram__AdminUserIds"] = "1001",
            ["Serilog__MinimumLevel__Default"] = "Debug",
            ["Serilog__MinimumLevel__Override__System.Net.Http"] = "Verbose",
            ["Serilog__MinimumLevel__Override__Microsoft.Extensions.Http"] = "Verbose",
            ["Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore"] = "Warning",
        });

        await bot.WaitForOutputAsync("Telegram bot @stockbot_test_bot is on", TimeSpan.FromSeconds(60));
        telegram.EnqueueText(1001, 1001, "private", "/status");
        await telegram.WaitForAsync("sendMessage", c => c.ChatId == "1001");
        telegram.FailSends502(TelegramReplier.MaxAttempts);
        telegram.EnqueueText(2002, 2002, "private", "/help");
        await bot.WaitForOutputAsync("reply to chat 2002 not sent", TimeSpan.FromSeconds(15));
        var (exitCode, took) = await bot.TerminateAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exitCode);
        Assert.True(took < TimeSpan.FromSeconds(10), $"stopping took {took}");
        Assert.Contains("Telegram /status in chat 1001: Ok", bot.Output, StringComparison.Ordinal);
        Assert.Contains("Telegram bot stopped", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BackgroundService failed", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" ERR]", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(telegram.Token, bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("TEST-fake-token-not-real", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("/bot123456", bot.Output, StringComparison.Ordinal);
    }
}
