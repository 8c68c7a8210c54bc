using StockBot.Testing;

namespace StockBot.Host.Tests;

/// <summary>The demo as a newcomer runs it: Ctrl+C (or docker's SIGTERM, or SIGQUIT) ends it cleanly and leaves nothing behind.</summary>
public sealed class DemoProcessTests : IDisposable
{
    private readonly TempFolder folder = new("stockbot-demo-test-");

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    [InlineData("QUIT")]
    public async Task Demo_Signalled_ExitsZeroAndRemovesItsTemporaryDatabase(string signal)
    {
        var temp = Directory.CreateDirectory(Path.Combine(folder.Path, "tmp")).FullName;
        await using var demo = StockBotProcess.Start(folder.Path, new Dictionary<string, string> { ["TMPDIR"] = temp }, "demo", "--interval-seconds", "1");
        await demo.WaitForOutputAsync("-- cycle 1", TimeSpan.FromSeconds(90));
        Assert.NotEmpty(Directory.GetDirectories(temp, "stockbot-demo-*"));

        var (exitCode, _) = await demo.SignalAsync(signal, TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.Contains("Demo over after", demo.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(temp, "stockbot-demo-*"));
    }
}
