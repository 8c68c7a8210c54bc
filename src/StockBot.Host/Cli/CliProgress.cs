using Spectre.Console;

namespace StockBot.Host.Cli;

/// <summary>
/// A spinner on stderr while a command waits on something slow (a website, a backup), for a person at a terminal
/// only: piped output, --json and redirected streams stay exactly as they were. Spectre.Console draws it and
/// honours NO_COLOR.
/// </summary>
internal static class CliProgress
{
    public static async Task<T> RunAsync<T>(CliInvocation c, string label, Func<Task<T>> work)
    {
        if (!c.Environment.Interactive || c.Output.Json)
        {
            return await work();
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(c.Environment.Error),
            Interactive = InteractionSupport.Yes,
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(label), _ => work());
    }
}
