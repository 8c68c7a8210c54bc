namespace StockBot.Host.Cli;

/// <summary>Small builders so every command declares its options the same way.</summary>
internal static class Args
{
    public static Argument<int> Id(string name, string description) => new(name) { Description = description };

    public static Option<T> Opt<T>(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>`show ID`: one row of <paramref name="what"/> (CLI-only: chat lists instead).</summary>
    public static Command Show(CommandRunner runner, string what, Func<CliInvocation, int, Task> show)
    {
        var id = Id("id", $"{char.ToUpperInvariant(what[0])}{what[1..]} id");
        var command = Command("show", $"Show one {what}", id);
        command.SetAction((parse, ct) => runner.RunAsync(parse, c => show(c, parse.GetValue(id)), ct));
        return command;
    }

    public static Command Command(string name, string description, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            Add(command, symbol);
        }

        return command;
    }

    /// <summary>An argument, option or subcommand, each where System.CommandLine keeps it.</summary>
    public static void Add(Command command, Symbol symbol)
    {
        switch (symbol)
        {
            case Argument argument:
                command.Arguments.Add(argument);
                break;
            case Option option:
                command.Options.Add(option);
                break;
            case Command sub:
                command.Subcommands.Add(sub);
                break;
        }
    }
}
