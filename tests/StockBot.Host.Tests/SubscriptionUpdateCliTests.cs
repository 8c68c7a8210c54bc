using StockBot.Testing;
namespace StockBot.Host.Tests;

/// <summary>`subscription update ID --template 'LIQUID'|off`: checked like `add` checks it, `off` clears it.</summary>
public class SubscriptionUpdateCliTests : IDisposable
{
    private readonly CliHarness cli;


    public SubscriptionUpdateCliTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected SubscriptionUpdateCliTests(TestProvider provider) => cli = new CliHarness(provider);
    public void Dispose()
    {
        cli.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task SubscriptionUpdate_Template_StoredThenOffClearsIt()
    {
        await AddAsync();

        var set = await cli.RunAsync("subscription", "update", "1", "--template", "{{ product }}: {{ quantity }} left");
        var stored = cli.Scalar("SELECT template FROM subscriptions WHERE id = 1");
        var off = await cli.RunAsync("subscription", "update", "1", "--template", "off");

        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Contains("Alert text: your own template.", set.Out, StringComparison.Ordinal);
        Assert.Equal("{{ product }}: {{ quantity }} left", stored);
        Assert.True(off.ExitCode == 0, off.Error);
        Assert.Contains("Alert text: built-in.", off.Out, StringComparison.Ordinal);
        Assert.Equal(1, cli.Count("subscriptions WHERE template IS NULL"));
    }

    [SkippableFact]
    public async Task SubscriptionUpdate_BadTemplate_ExitTwoOneLineAndNothingChanged()
    {
        await AddAsync();
        await cli.RunAsync("subscription", "update", "1", "--template", "{{ product }} is back");

        var bad = await cli.RunAsync("subscription", "update", "1", "--template", "{{ product ");

        Assert.Equal(2, bad.ExitCode);
        var line = Assert.Single(bad.Error.Trim().Split('\n'));
        Assert.Contains("--template", line, StringComparison.Ordinal);
        Assert.Equal("{{ product }} is back", cli.Scalar("SELECT template FROM subscriptions WHERE id = 1"));
    }

    private async Task AddAsync()
    {
        var added = await cli.RunAsync("subscription", "add", "--platform", "telegram", "--channel", "-1001");
        Assert.True(added.ExitCode == 0, added.Error);
    }
}
