using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Operations;
using StockBot.Core.Websites;
using StockBot.Data;
using StockBot.Host.Hosting;

namespace StockBot.Host.Cli;

/// <summary>`stockbot run`, also what no command means: the bots and the schedule until SIGTERM or Ctrl+C.</summary>
internal static class RunCommand
{
    public static Command Build(CommandRunner runner)
    {
        var run = new Command("run", "Run the bots and the monitoring schedule until stopped (the default)");
        run.SetAction((parse, ct) => RunAsync(runner.Environment, parse, ct));
        return run;
    }

    public static async Task<int> RunAsync(CliEnvironment environment, ParseResult parse, CancellationToken cancellationToken)
    {
        var verbose = parse.GetValue(CommandRunner.VerboseOption);
        IConfiguration? configuration = null;
        DatabaseHealth? database = null;
        try
        {
            var builder = StockBotHostFactory.CreateBuilder(environment, HostMode.Service, verbose);
            configuration = builder.Configuration;
            builder.Services.AddStockBotService();
            using var host = builder.Build();
            database = host.Services.GetRequiredService<DatabaseHealth>();
            host.Services.GetService<IStartupValidator>()?.Validate();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("StockBot");
            await PrepareAsync(host.Services, builder.Configuration, logger, cancellationToken);
            host.UseStockBotSchedule();
            await host.RunAsync(cancellationToken);
            logger.LogInformation("StockBot stopped");
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (Exception ex)
        {
            return CommandRunner.ReportFailure(ex, verbose, environment.Error, configuration, database: database);
        }
    }

    /// <summary>Migrations and the websites from the environment, before anything reads the database.</summary>
    private static async Task PrepareAsync(IServiceProvider services, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var migration = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        if (migration.Applied.Count > 0)
        {
            logger.LogInformation("Applied {Count} database migration(s); schema {Schema}", migration.Applied.Count, migration.LastMigration);
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        // Reading a read-only or full database works; a bot that cannot keep its records must not start as if it could.
        await DatabaseHealth.ProbeWriteAsync(scope.ServiceProvider.GetRequiredService<StockBotDbContext>(), now, cancellationToken);

        // Before the first dispatch: what this instance was sending when it was killed goes out again now, in order.
        var released = await scope.ServiceProvider.GetRequiredService<AlertOutbox>()
            .ReleaseOwnClaimsAsync(now, cancellationToken);
        if (released > 0)
        {
            logger.LogWarning("{Count} alert(s) were being sent when instance {Instance} last stopped; they are sent again now (a chat may see one of them twice)",
                released, services.GetRequiredService<InstanceIdentity>().Name);
        }

        var imported = await scope.ServiceProvider.GetRequiredService<EnvironmentWebsiteImporter>().ImportAsync(cancellationToken);
        foreach (var site in imported)
        {
            logger.LogInformation("Website {Name} ({Id}) {Action} from the environment", site.Name, site.Id, site.Created ? "created" : "checked");
        }

        if (string.IsNullOrWhiteSpace(configuration["Telegram:Token"]))
        {
            logger.LogWarning("Telegram bot is off: Telegram:Token is not set");
        }

        if (string.IsNullOrWhiteSpace(configuration["Discord:Token"]))
        {
            logger.LogWarning("Discord bot is off: Discord:Token is not set");
        }
    }
}
