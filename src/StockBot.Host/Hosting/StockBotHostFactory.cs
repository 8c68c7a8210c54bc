using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using StockBot.Core;
using StockBot.Core.Alerts;
using StockBot.Data;
using StockBot.Discord;
using StockBot.Discord.Webhooks;
using StockBot.Host.Cli;
using StockBot.Telegram;

namespace StockBot.Host.Hosting;

public enum HostMode
{
    /// <summary>A one-shot CLI command: quiet logs on stderr, so stdout stays the command's own.</summary>
    Command,

    /// <summary>The long-running service: information logs.</summary>
    Service,
}

public static class StockBotHostFactory
{
    public static HostApplicationBuilder CreateBuilder(CliEnvironment environment, HostMode mode, bool verbose, bool jsonOutput = false)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        AddConfiguration(builder.Configuration, environment);

        builder.Services.AddSerilog((_, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                // EF Core's own error line for a broken file (read-only, not SQLite, disk full) says what the caller's one line says, with a stack.
                .Filter.ByExcluding(IsEntityFrameworkDatabaseFault)
                .WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext:l}: {Message:lj}{NewLine}{Exception}",
                    standardErrorFromLevel: mode == HostMode.Command ? LogEventLevel.Verbose : LogEventLevel.Warning,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            if (mode == HostMode.Command && !verbose)
            {
                logger.MinimumLevel.Warning();
            }
        });

        builder.Services.AddStockBotCore(builder.Configuration);
        // `stockbot health` and the service's /healthz run this one rule.
        builder.Services.AddScoped<StockBotHealthCheck>();
        builder.Services.AddTelegramChatPlatform().AddDiscordChatPlatform();
        // Webhook targets need no bot: every mode can take them at input and deliver to them.
        builder.Services.AddDiscordWebhooks();
        if (mode == HostMode.Service)
        {
            builder.Services.AddTelegramBot(builder.Configuration);
            builder.Services.AddDiscordBot(builder.Configuration);
        }
        else
        {
            // One-shot commands deliver alerts (`check`) but never poll or open a gateway.
            builder.Services.AddTelegramAlertSender(builder.Configuration);
            builder.Services.AddDiscordAlertSender(builder.Configuration);
        }

        // With --json, stdout holds one JSON document, so console alerts go to stderr.
        var alertOutput = jsonOutput ? environment.Error : environment.Out;
        builder.Services.AddSingleton<IAlertSender>(_ => new ConsoleAlertSender(alertOutput));
        if (environment.Time is not null)
        {
            builder.Services.AddSingleton(environment.Time);
        }

        return builder;
    }

    private static bool IsEntityFrameworkDatabaseFault(LogEvent logEvent) =>
        logEvent.Exception is { } exception
        && logEvent.Properties.TryGetValue("SourceContext", out var source)
        && source.ToString().StartsWith("\"Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
        && DatabaseFaults.IsFault(exception);

    /// <summary>appsettings.json, then .env in the working directory, then the environment, then overrides.</summary>
    public static void AddConfiguration(IConfigurationBuilder configuration, CliEnvironment environment)
    {
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        if (environment.LoadDotEnv)
        {
            configuration.AddInMemoryCollection(DotEnvFile.Read(Path.Combine(Directory.GetCurrentDirectory(), ".env")));
        }

        configuration.AddEnvironmentVariables();
        configuration.AddInMemoryCollection(environment.Overrides);
    }
}
