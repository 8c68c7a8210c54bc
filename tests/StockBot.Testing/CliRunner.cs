using System.Text.Json;
using StockBot.Host.Cli;

namespace StockBot.Testing;

/// <summary>What one `stockbot` command did: its exit code and everything it wrote.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Runs real `stockbot` commands in-process, as the console would, with <paramref name="settings"/> as the
/// configuration overrides (read on every run, so a test may change them between commands).
/// </summary>
public sealed class CliRunner(IReadOnlyDictionary<string, string?> settings, TimeProvider? time = null)
{
    /// <summary>The same settings on another clock, e.g. one that has moved past a staleness limit.</summary>
    public CliRunner WithTime(TimeProvider other) => new(settings, other);

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>As if typed at a terminal by a person who answers questions with <paramref name="answers"/> (one per line).</summary>
    public Task<CliResult> RunAtTerminalAsync(string answers, params string[] args) => RunAsync(new StringReader(answers), args);

    private async Task<CliResult> RunAsync(TextReader? terminal, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // .env in the working directory belongs to the developer, not to the test.
        var environment = new CliEnvironment(output, error, settings, LoadDotEnv: false, Time: time, Input: terminal, Interactive: terminal is not null);
        var code = await StockBotCli.RunAsync(args, environment);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
