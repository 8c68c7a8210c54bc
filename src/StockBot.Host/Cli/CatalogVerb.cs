using StockBot.Core;
using StockBot.Core.Commands;

namespace StockBot.Host.Cli;

/// <summary>
/// A catalog command on the command line. Its options come from the catalog definition, under the
/// same names (snake_case as kebab-case: purchase_link is --purchase-link) and with the same
/// descriptions as in chat, so the two cannot drift. The command's subject id may be positional
/// (`monitor pause 3`); CLI-only options and older spellings are added on top.
/// </summary>
internal sealed class CatalogVerb
{
    private readonly Dictionary<string, Symbol> symbols = new(StringComparer.Ordinal);
    private readonly List<(string Name, Option<bool> Flag)> negations = [];

    /// <param name="definition">The shared definition.</param>
    /// <param name="positional">The option given by position instead of by name (the subject id).</param>
    /// <param name="requiredHere">Options chat may leave out (it knows "this chat") that the CLI must be given.</param>
    /// <param name="name">The CLI name where it differs from chat's (`subscription add` for `/subscribe`).</param>
    /// <param name="description">Where the chat wording does not fit a command line ("this chat").</param>
    public CatalogVerb(CommandDefinition definition, string? positional = null, IReadOnlyCollection<string>? requiredHere = null, string? name = null, string? description = null)
    {
        Definition = definition;
        Command = new Command(name ?? definition.Name ?? definition.Group, description ?? definition.Description);
        foreach (var option in definition.Options)
        {
            var required = option.Required || requiredHere?.Contains(option.Name) == true;
            Symbol symbol = option.Name == positional ? PositionalOf(option, required) : OptionOf(option, required);
            symbols[option.Name] = symbol;
            Add(symbol);
        }
    }

    public CommandDefinition Definition { get; }

    public Command Command { get; }

    /// <summary>"purchase_link" as "--purchase-link".</summary>
    public static string OptionName(string catalogName) => "--" + catalogName.Replace('_', '-');

    /// <summary>The CLI symbol of a catalog option: an <see cref="Option"/>, or the positional <see cref="Argument"/>.</summary>
    public Symbol SymbolOf(string catalogName) => symbols[catalogName];

    /// <summary>Symbols only the CLI has (--json-only views, --clear-low, --access-key...).</summary>
    public CatalogVerb With(params Symbol[] extras)
    {
        foreach (var extra in extras)
        {
            Add(extra);
        }

        return this;
    }

    /// <summary>An older CLI spelling of a catalog option that keeps working (`--notify-restock` for `--restock`).</summary>
    public CatalogVerb Alias(string catalogName, string alias)
    {
        ((Option)symbols[catalogName]).Aliases.Add(alias);
        return this;
    }

    /// <summary>An older flag that turns a boolean catalog option off (`--no-restock` for `--restock false`).</summary>
    public CatalogVerb Negation(string catalogName, string flag, string description)
    {
        var option = new Option<bool>(flag) { Description = description };
        negations.Add((catalogName, option));
        return With(option);
    }

    /// <summary>An older CLI name of the command itself (`monitor update` for `monitor edit`).</summary>
    public CatalogVerb AlsoNamed(string commandAlias)
    {
        Command.Aliases.Add(commandAlias);
        return this;
    }

    /// <summary>The typed values the user gave, by catalog option name, as chat handlers get them.</summary>
    public CommandArguments Arguments(ParseResult parse)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, symbol) in symbols)
        {
            object? value = symbol switch
            {
                Option<int> o => parse.GetResult(o) is null ? null : parse.GetValue(o),
                Option<int?> o => parse.GetValue(o),
                Option<bool?> o => parse.GetValue(o),
                Option<string> o => parse.GetValue(o),
                Argument<int> a => parse.GetResult(a) is null ? null : parse.GetValue(a),
                Argument<int?> a => parse.GetValue(a),
                _ => null,
            };
            if (value is not null)
            {
                values[name] = value;
            }
        }

        foreach (var (name, flag) in negations.Where(n => parse.GetValue(n.Flag)))
        {
            if (values.TryGetValue(name, out var given) && given is true)
            {
                throw new InputException(name, $"give {OptionName(name)} or {flag.Name}, not both");
            }

            values[name] = false;
        }

        return new CommandArguments(values);
    }

    /// <summary>Runs <paramref name="body"/> in the runner's host with the typed arguments.</summary>
    public Command Runs(CommandRunner runner, Func<CliInvocation, CommandArguments, Task<int>> body)
    {
        Command.SetAction((parse, ct) => runner.RunAsync(parse, c => body(c, Arguments(parse)), ct));
        return Command;
    }

    public Command Runs(CommandRunner runner, Func<CliInvocation, CommandArguments, Task> body) =>
        Runs(runner, async (c, a) =>
        {
            await body(c, a);
            return ExitCodes.Success;
        });

    private static Option OptionOf(CommandOption option, bool required) => option.Type switch
    {
        CommandOptionType.Integer when required => new Option<int>(OptionName(option.Name)) { Description = option.Description, Required = true },
        CommandOptionType.Integer => new Option<int?>(OptionName(option.Name)) { Description = option.Description },
        CommandOptionType.Boolean => new Option<bool?>(OptionName(option.Name)) { Description = option.Description, Arity = ArgumentArity.ZeroOrOne },
        _ => new Option<string>(OptionName(option.Name)) { Description = option.Description, Required = required },
    };

    private static Argument PositionalOf(CommandOption option, bool required) => option.Type switch
    {
        CommandOptionType.Integer when required => new Argument<int>(option.Name) { Description = option.Description },
        CommandOptionType.Integer => new Argument<int?>(option.Name) { Description = option.Description, Arity = ArgumentArity.ZeroOrOne },
        _ => throw new InvalidOperationException($"Only id options are positional on the command line, not {option.Name}."),
    };

    private void Add(Symbol symbol) => Args.Add(Command, symbol);
}

/// <summary>A catalog group as a CLI command (`website`, `monitor`), whose verbs take their subject id by position.</summary>
internal sealed class CatalogGroup(CommandCatalog catalog, string group, string positional)
{
    public Command Command { get; } = new(group, catalog.GroupDescription(group));

    public CatalogVerb Verb(string name) => new(catalog.Get(group, name), positional);

    public CommandDefinition Definition(string name) => catalog.Get(group, name);

    public void Add(params Command[] commands)
    {
        foreach (var command in commands)
        {
            Command.Subcommands.Add(command);
        }
    }
}
