using StockBot.Testing.Telegram;

namespace StockBot.Telegram.Tests;

/// <summary>`stockbot check` and the settings, with the Telegram token set: sending only, no polling.</summary>
public sealed class TelegramCliTests : IAsyncLifetime
{
    private TelegramHostHarness h = null!;

    public async Task InitializeAsync() => h = await TelegramHostHarness.CreateAsync();

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task Check_TelegramTokenSet_DeliversThroughTheTelegramSenderWithoutPolling()
    {
        await h.AddWebsiteAndMonitorsAsync(101);
        Assert.Equal(0, (await h.CliAsync("subscription", "add", "--platform", "telegram", "--channel", "-100999", "--events", "purchase")).ExitCode);
        await h.CliAsync("check");
        h.Store.SetStock(101, 2);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var check = await h.CliAsync("check");

        Assert.Equal(0, check.ExitCode);
        Assert.Contains("Alerts: 1 sent", check.Out, StringComparison.Ordinal);
        var alert = Assert.Single(h.Telegram.Sent("sendMessage", "-100999"));
        Assert.Contains("4 sold: VPS Small 2GB", alert.Text, StringComparison.Ordinal);
        Assert.Equal("Buy", Assert.Single(alert.Buttons).Text);
        Assert.DoesNotContain(h.Telegram.Calls, c => c.Method is "getUpdates" or "setMyCommands");
        Assert.DoesNotContain(FakeTelegramBotApi.DefaultToken, check.Out + check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BadTelegramSettings_ExitsTwoWithOneLinePerProblemAndNoToken()
    {
        h.Settings["Telegram:Token"] = "not-a-token-value";
        h.Settings["Telegram:ApiBaseUrl"] = "ftp://bot.example.com";
        h.Settings["Telegram:AdminUserIds"] = "1001, alice";

        var result = await h.CliAsync("check");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("Telegram:Token must be", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Telegram:ApiBaseUrl must be", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Telegram:AdminUserIds: 'alice'", StringComparison.Ordinal));
        Assert.DoesNotContain("not-a-token-value", result.Error, StringComparison.Ordinal);
        Assert.Empty(h.Telegram.Calls);
    }
}
