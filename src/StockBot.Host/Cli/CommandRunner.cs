using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StockBot.Core;
using StockBot.Core.Commands;
using StockBot.Data;
using StockBot.Host.Hosting;

namespace StockBot.Host.Cli;

/// <summary>One CLI command as it runs: what was typed, its DI scope, where it writes, and its environment.</summary>
public sealed record CliInvocation(ParseResult Parse, IServiceProvider Services, CliOutput Output, CliEnvironment Environment, CancellationToken CancellationToken)
{
    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);
}

/// <summary>
/// Runs one CLI command in its own host and DI scope, and turns failures into the contract's
/// exit codes: 2 for bad input (one line naming the field), 1 for anything else, no stack trace
/// unless --verbose.
/// </summary>
public sealed class CommandRunner(CliEnvironment environment)
{
    public static readonly Option<bool> JsonOption = new("--json") { Description = "Print one JSON document instead of text", Recursive = true };
    public static readonly Option<bool> VerboseOption = new("--verbose") { Description = "Show debug logs and full errors", Recursive = true };

    public CliEnvironment Environment => environment;

    public Task<int> RunAsync(ParseResult parseResult, Func<CliInvocation, Task> body, CancellationToken cancellationToken, bool migrate = true) =>
        RunAsync(
            parseResult,
            async context =>
            {
                await body(context);
                return 0;
            },
            cancellationToken,
            migrate);

    public async Task<int> RunAsync(ParseResult parseResult, Func<CliInvocation, Task<int>> body, CancellationToken cancellationToken, bool migrate = true)
    {
        var json = parseResult.GetValue(JsonOption);
        var verbose = parseResult.GetValue(VerboseOption);
        Microsoft.Extensions.Configuration.IConfiguration? configuration = null;
        DatabaseHealth? database = null;
        try
        {
            var builder = StockBotHostFactory.CreateBuilder(environment, HostMode.Command, verbose, json);
            configuration = builder.Configuration;
            using var host = builder.Build();
            database = host.Services.GetService<DatabaseHealth>();
            host.Services.GetService<IStartupValidator>()?.Validate();
            await using var scope = host.Services.CreateAsyncScope();
            if (migrate)
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            }

            var output = new CliOutput(environment.Out, json, scope.ServiceProvider.GetRequiredService<TimeProvider>());
            return await body(new CliInvocation(parseResult, scope.ServiceProvider, output, environment, cancellationToken));
        }
        catch (Exception ex)
        {
            return ReportFailure(ex, verbose, environment.Error, configuration, parseResult, database);
        }
    }

    /// <param name="database">Names a broken database file (read-only, not SQLite, disk full) in one line, exit 1.</param>
    public static int ReportFailure(
        Exception exception,
        bool verbose,
        TextWriter error,
        Microsoft.Extensions.Configuration.IConfiguration? configuration = null,
        ParseResult? parse = null,
        DatabaseHealth? database = null)
    {
        if (ConfigurationErrors.Describe(exception, configuration) is { } settings)
        {
            foreach (var line in settings)
            {
                error.WriteLine($"error: {line}");
            }

            return ExitCodes.BadInput;
        }

        switch (exception)
        {
            case InputException input:
                error.WriteLine($"error: {(parse is null ? input.Message : InputFields.Rewrite(input, option => Spell(parse.CommandResult.Command, option)))}");
                return ExitCodes.BadInput;
            case OperationCanceledException:
                error.WriteLine("error: cancelled");
                return ExitCodes.Failure;
            default:
                error.WriteLine($"error: {database?.Classify(exception)?.Message ?? OneLine(exception.GetBaseException().Message)}");
                if (verbose)
                {
                    error.WriteLine(exception.ToString());
                }

                return ExitCodes.Failure;
        }
    }

    /// <summary>An option as it is typed on this command: --purchase-link, or the positional argument's own name.</summary>
    private static string Spell(Command command, string option)
    {
        if (command.Arguments.Any(a => a.Name == option))
        {
            return option;
        }

        var flag = CatalogVerb.OptionName(option);
        return command.Options.Any(o => o.Name == flag || o.Aliases.Contains(flag)) ? flag : option;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
