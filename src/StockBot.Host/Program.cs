using StockBot.Host.Cli;

return await StockBotCli.RunAsync(args, CliEnvironment.FromConsole());
