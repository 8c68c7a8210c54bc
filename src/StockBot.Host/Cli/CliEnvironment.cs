namespace StockBot.Host.Cli;

/// <summary>Where a CLI invocation reads settings from and writes to; tests pass their own.</summary>
/// <param name="Input">Where answers to a question come from; null when nobody can answer.</param>
/// <param name="Interactive">A person at a terminal: questions may be asked and progress drawn.</param>
public sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string?> Overrides,
    bool LoadDotEnv = true,
    TimeProvider? Time = null,
    TextReader? Input = null,
    bool Interactive = false)
{
    public static CliEnvironment FromConsole() =>
        new(Console.Out, Console.Error, new Dictionary<string, string?>(), Input: Console.In,
            Interactive: !Console.IsInputRedirected && !Console.IsOutputRedirected && !Console.IsErrorRedirected);

    /// <summary>
    /// Asks before something that cannot be undone. Without a terminal to ask on, only <paramref name="yes"/>
    /// (--yes) goes ahead; a question unanswered, or answered with anything but y/yes, stops with nothing done.
    /// </summary>
    public void Confirm(string question, bool yes, string what)
    {
        if (yes)
        {
            return;
        }

        if (!Interactive || Input is null)
        {
            throw new Core.InputException("--yes", $"{what}; there is no terminal to ask on, so pass --yes to confirm");
        }

        Error.Write($"{question} [y/N] ");
        var answer = Input.ReadLine()?.Trim();
        if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
        {
            throw new Core.InputException("--yes", "not confirmed; nothing was changed");
        }
    }
}
