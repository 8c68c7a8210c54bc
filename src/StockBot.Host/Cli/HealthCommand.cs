using StockBot.Host.Hosting;

namespace StockBot.Host.Cli;

internal static class HealthCommand
{
    public static Command Build(CommandRunner runner)
    {
        var health = new Command("health", "Exit 0 when the database answers, a cycle finished within 3 intervals and every enabled bot is connected (monitors in error: degraded, still 0)");
        health.SetAction((parse, ct) => runner.RunAsync(
            parse,
            async c =>
            {
                var report = await c.Get<StockBotHealthCheck>().RunAsync(c.CancellationToken);
                if (c.Output.Json)
                {
                    c.Output.WriteJson(report);
                }
                else if (report.Healthy)
                {
                    c.Output.Line(report.Summary());
                }
                else
                {
                    await c.Environment.Error.WriteLineAsync(report.Summary());
                }

                return report.Healthy ? ExitCodes.Success : ExitCodes.Failure;
            },
            ct,
            migrate: false));
        return health;
    }
}
