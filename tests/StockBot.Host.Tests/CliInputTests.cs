using StockBot.Testing;
namespace StockBot.Host.Tests;

/// <summary>Mistyped commands get an answer that names what was typed and points at what was meant.</summary>
public class CliInputTests : IDisposable
{
    private readonly CliHarness cli;


    public CliInputTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected CliInputTests(TestProvider provider) => cli = new CliHarness(provider);
    public void Dispose()
    {
        cli.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableTheory]
    [InlineData("website", "lst", "error: stockbot website: there is no command 'lst'; did you mean 'list'? (see stockbot website --help)")]
    [InlineData("websit", "list", "error: stockbot: there is no command 'websit'; did you mean 'website'? (see stockbot --help)")]
    [InlineData("monitor", "ad", "error: stockbot monitor: there is no command 'ad'; did you mean 'add'? (see stockbot monitor --help)")]
    public async Task UnknownCommand_NearMiss_SuggestsTheCommand(string group, string verb, string expected)
    {
        var result = await cli.RunAsync(group, verb);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, Assert.Single(result.ErrorLines));
    }

    [SkippableFact]
    public async Task UnknownOption_Transposed_SuggestsTheOption()
    {
        var result = await cli.RunAsync("monitor", "add", "--website", "1", "--product", "1", "--lwo", "3");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: stockbot monitor add: there is no option --lwo; did you mean '--low'? (see stockbot monitor add --help)", Assert.Single(result.ErrorLines));
    }

    [SkippableFact]
    public async Task GroupWithoutVerb_ListsTheVerbs()
    {
        var result = await cli.RunAsync("website");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: stockbot website: which one? add, list, show,", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task LsAndRm_AreListAndRemove()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var ls = await cli.RunAsync("monitor", "ls", "--json");
        var rm = await cli.RunAsync("monitor", "rm", "3", "--force");
        var after = await cli.RunAsync("monitor", "list", "--json");

        Assert.Equal(0, ls.ExitCode);
        Assert.Equal(3, ls.Json.GetArrayLength());
        Assert.Equal(0, rm.ExitCode);
        Assert.Equal(2, after.Json.GetArrayLength());
    }

    [SkippableTheory]
    [InlineData(new[] { "monitor", "add", "--website", "abc", "--product", "1" }, "error: --website: 'abc' is not a whole number")]
    [InlineData(new[] { "status", "abc" }, "error: monitor: 'abc' is not a whole number")]
    [InlineData(new[] { "history", "1", "--limit", "x" }, "error: --limit: 'x' is not a whole number")]
    public async Task NotANumber_SaysAWholeNumberNotATypeName(string[] args, string expected)
    {
        var result = await cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, Assert.Single(result.ErrorLines));
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(new[] { "website", "add", "--name", "x", "--url", "ftp://x", "--api-identifier", "a", "--api-secret", "b" }, "error: --url: must be an http:// or https:// URL, not 'ftp://x'")]
    [InlineData(new[] { "monitor", "add", "--website", "9", "--product", "1" }, "error: --website: no website with id 9")]
    [InlineData(new[] { "monitor", "pause", "99" }, "error: monitor: no monitor with id 99")]
    public async Task BadInput_NamesTheFlagTypedNotTheColumn(string[] args, string expected)
    {
        await cli.RunAsync("db", "init");

        var result = await cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, Assert.Single(result.ErrorLines));
    }

    [SkippableFact]
    public async Task ThresholdsCrossed_NamesBothFlags()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var result = await cli.RunAsync("monitor", "add", "--website", "1", "--product", "77", "--low", "9", "--high", "2");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --low: must not be above --high (9 > 2)", Assert.Single(result.ErrorLines));
    }
}
