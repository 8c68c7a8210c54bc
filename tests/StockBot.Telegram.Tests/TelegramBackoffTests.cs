namespace StockBot.Telegram.Tests;

public sealed class TelegramBackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(50, 60)]
    public void Backoff_FailuresInARow_OneSecondDoublingToAMinute(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), TelegramBotService.Backoff(failures));
}
