namespace StockBot.Host.Cli;

/// <summary>Where a CLI invocation reads settings from and writes to; tests pass their own.</summary>
public sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string?> Overrides,
    bool LoadDotEnv = true,
    TimeProvider? Time = null)
{
    public static CliEnvironment FromConsole() =>
        new(Console.Out, Console.Error, new Dictionary<string, string?>());
}
