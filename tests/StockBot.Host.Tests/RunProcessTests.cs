namespace StockBot.Host.Tests;

public sealed class RunProcessTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("stockbot-run-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Run_NoTokens_SaysWhichBotsAreOffAndStopsCleanlyOnSigterm()
    {
        await using var bot = StockBotProcess.Start(directory, new Dictionary<string, string>
        {
            ["WEBSITE_1_NAME"] = "Env Site",
            ["WEBSITE_1_URL"] = "https://billing.example.com",
            ["WEBSITE_1_API_ID"] = "env-identifier",
            ["WEBSITE_1_API_SECRET"] = "env-secret-never-logged",
        });

        await bot.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(60));
        var (exitCode, took) = await bot.TerminateAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exitCode);
        Assert.True(took < TimeSpan.FromSeconds(10), $"stopping took {took}");
        Assert.Contains("Telegram bot is off", bot.Output, StringComparison.Ordinal);
        Assert.Contains("Discord bot is off", bot.Output, StringComparison.Ordinal);
        Assert.Contains("Env Site", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("env-secret-never-logged", bot.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "data", "stockbot.db")), "run creates the default database in the working directory");
    }
}
