namespace StockBot.Host.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Demo_ThreeCycles_PrintsCyclesAndLeavesNoDatabaseBehind()
    {
        var result = await cli.RunAsync("demo", "--cycles", "3", "--interval-seconds", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("-- cycle 1: 5 monitors on 2 websites", result.Out, StringComparison.Ordinal);
        Assert.Contains("-- cycle 3:", result.Out, StringComparison.Ordinal);
        Assert.Contains("Demo over after 3 cycle(s).", result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.DatabasePath), "the demo must not touch the configured database");
    }

    [Fact]
    public async Task Demo_Storefront_ReadsThePublicPagesWithoutCredentialsAndAnnouncesTheNewProduct()
    {
        var result = await cli.RunAsync("demo", "--storefront", "--cycles", "3", "--interval-seconds", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("storefront mode", result.Out, StringComparison.Ordinal);
        Assert.Contains("-- cycle 1: 5 monitors on 2 websites, 0 change(s), 5 event(s)", result.Out, StringComparison.Ordinal);
        Assert.Contains("New product: VPS Launch Special 4GB", result.Out, StringComparison.Ordinal);
        // Whatever chat they reach, demo alerts say they are a demo.
        Assert.Matches(@"New product: VPS Launch Special 4GB @ Example Cloud \(demo\)", result.Out);
        Assert.DoesNotContain("error", result.Error, StringComparison.OrdinalIgnoreCase);
    }
}
