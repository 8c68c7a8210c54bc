using StockBot.Core.Commands;

namespace StockBot.Host.Cli;

public static class StockBotCli
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var root = Build(environment, new CommandCatalog());

        // "@oncall" is a Telegram mention, not a response file.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            // One line, naming what was wrong; `--help` shows the rest.
            await environment.Error.WriteLineAsync($"error: {CliParseErrors.Describe(parse)}");
            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync(
            new InvocationConfiguration { Output = environment.Out, Error = environment.Error, ProcessTerminationTimeout = null },
            cancellationToken);
    }

    /// <summary>The whole command tree: the catalog's commands and the CLI's own (run, db, check, demo, health).</summary>
    internal static RootCommand Build(CliEnvironment environment, CommandCatalog catalog)
    {
        var runner = new CommandRunner(environment);
        var root = new RootCommand("StockBot: WHMCS stock alerts for Discord and Telegram");
        root.Options.Add(CommandRunner.JsonOption);
        root.Options.Add(CommandRunner.VerboseOption);
        root.Subcommands.Add(RunCommand.Build(runner));
        root.Subcommands.Add(DbCommands.Build(runner));
        root.Subcommands.Add(WebsiteCommands.Build(runner, catalog));
        root.Subcommands.Add(MonitorCommands.Build(runner, catalog));
        root.Subcommands.Add(SubscriptionCommands.Build(runner, catalog));
        root.Subcommands.Add(OutboxCommands.Build(runner));
        root.Subcommands.Add(ClusterCommands.Build(runner));
        root.Subcommands.Add(TokenCommands.Build(runner));
        root.Subcommands.Add(StatusCommands.BuildStatus(runner, catalog));
        root.Subcommands.Add(StatusCommands.BuildHistory(runner, catalog));
        root.Subcommands.Add(CheckCommand.Build(runner));
        root.Subcommands.Add(DemoCommand.Build(runner));
        root.Subcommands.Add(HealthCommand.Build(runner));
        root.Subcommands.Add(SimulateCommand.Build(environment));
        root.SetAction((parse, ct) => RunCommand.RunAsync(environment, parse, ct));
        CliParseErrors.AddAliases(root);
        return root;
    }
}
