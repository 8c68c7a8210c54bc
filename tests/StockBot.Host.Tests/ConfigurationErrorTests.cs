namespace StockBot.Host.Tests;

/// <summary>A wrong setting is one line naming the key, what was given and what is allowed, and exit code 2.</summary>
public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Status_IntervalNotADuration_NamesTheKeyTheValueAndTheFormat()
    {
        cli.Settings["Monitoring:Interval"] = "1m";

        var result = await cli.RunAsync("status");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "error: Monitoring:Interval: '1m' is not a duration; write it as hh:mm:ss (00:01:00 is one minute, 1.00:00:00 one day)",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Status_ConfirmReadsOutOfRange_OneLineNamingTheSetting()
    {
        cli.Settings["Monitoring:ConfirmReads"] = "11";

        var result = await cli.RunAsync("status");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Monitoring:ConfirmReads must be between 1 and 10 (given: '11').", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Status_TwoSettingsOutOfRange_OneLineEachWithWhatWasGiven()
    {
        cli.Settings["Monitoring:MaxConcurrentWebsites"] = "-3";
        cli.Settings["Monitoring:RequestTimeout"] = "-00:00:01";

        var result = await cli.RunAsync("status");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            [
                "error: Monitoring:MaxConcurrentWebsites must be between 1 and 256 (given: '-3').",
                "error: Monitoring:RequestTimeout must be between 00:00:01 and 00:05:00 (given: '-00:00:01').",
            ],
            result.ErrorLines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_BadSettingAtStart_ExitsTwoWithTheSameLine()
    {
        cli.Settings["Monitoring:Interval"] = "soon";

        var result = await cli.RunAsync("run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: Monitoring:Interval: 'soon' is not a duration", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("TimeSpan", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WholeNumberSettingGivenText_SaysAWholeNumber()
    {
        cli.Settings["Monitoring:ErrorAfterFailures"] = "three";

        var result = await cli.RunAsync("status");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Monitoring:ErrorAfterFailures: 'three' is not a whole number", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Status_BadEncryptionKey_SaysItWasGivenButNeverShowsIt()
    {
        cli.Settings["Security:EncryptionKey"] = "short-secret-value";

        var result = await cli.RunAsync("status");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Security:EncryptionKey", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret-value", result.Error, StringComparison.Ordinal);
    }
}
