using System.Text;

namespace StockBot.Core.Commands;

/// <summary>What a text command was: a command with raw arguments, an error with the usage, or nothing of ours.</summary>
public sealed record CommandParseResult(CommandDefinition? Command, IReadOnlyDictionary<string, string> Arguments, string? Error)
{
    public static readonly CommandParseResult NotACommand = new(null, new Dictionary<string, string>(), null);
}

/// <summary>
/// Text commands as Telegram users type them: `/monitor add 1 101 low=5 high=50`, positional in the
/// catalog's option order or key=value, "quoted values", and `/cmd@botname` in groups.
/// </summary>
public static class CommandTextParser
{
    public static CommandParseResult Parse(string text, CommandCatalog catalog, string? botUsername) =>
        CommandHead.Parse(text) is { } head ? Parse(head, text, catalog, botUsername) : CommandParseResult.NotACommand;

    /// <summary>The rest of a text whose head the caller has already read.</summary>
    public static CommandParseResult Parse(CommandHead head, string text, CommandCatalog catalog, string? botUsername)
    {
        List<string> tokens;
        try
        {
            tokens = Tokenize(text.Trim());
        }
        catch (FormatException ex)
        {
            return new CommandParseResult(null, new Dictionary<string, string>(), ex.Message);
        }

        // Without our own name (not known yet) a command for any bot is taken as ours.
        if (botUsername is not null && head.IsForAnotherBot(botUsername))
        {
            return CommandParseResult.NotACommand;
        }

        var group = head.Group;
        if (!catalog.Groups.Contains(group))
        {
            return CommandParseResult.NotACommand;
        }

        var subcommands = catalog.Commands.Where(c => c.Group == group).ToList();
        CommandDefinition? command;
        var rest = tokens.Skip(1).ToList();
        if (subcommands.Count == 1 && subcommands[0].Name is null)
        {
            command = subcommands[0];
        }
        else
        {
            var name = rest.Count > 0 ? rest[0].ToLowerInvariant() : null;
            command = name is null ? null : subcommands.FirstOrDefault(c => c.Name == name);
            if (command is null)
            {
                var choices = string.Join(", ", subcommands.Select(c => c.Name));
                return new CommandParseResult(null, new Dictionary<string, string>(), name is null
                    ? $"/{group} needs a subcommand: {choices}."
                    : $"/{group} has no '{name}'; try one of: {choices}.");
            }

            rest.RemoveAt(0);
        }

        var arguments = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var positional = 0;
        foreach (var token in rest)
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && command.Options.Any(o => o.Name.Equals(token[..equals], StringComparison.OrdinalIgnoreCase)))
            {
                arguments[token[..equals]] = token[(equals + 1)..];
                continue;
            }

            if (equals > 0 && !token[..equals].Contains(':', StringComparison.Ordinal) && !token[..equals].Contains('/', StringComparison.Ordinal))
            {
                return new CommandParseResult(command, arguments, $"Unknown option '{token[..equals]}'. Usage: {command.Usage}");
            }

            // Positional values fill the options in order, skipping those already given by name.
            while (positional < command.Options.Count && arguments.ContainsKey(command.Options[positional].Name))
            {
                positional++;
            }

            if (positional >= command.Options.Count)
            {
                return new CommandParseResult(command, arguments, $"Too many values. Usage: {command.Usage}");
            }

            arguments[command.Options[positional].Name] = token;
            positional++;
        }

        return new CommandParseResult(command, arguments, null);
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inQuotes = false;
        var hasToken = false;
        foreach (var ch in text)
        {
            if (ch is '"' or '“' or '”')
            {
                inQuotes = !inQuotes;
                hasToken = true;
            }
            else if (char.IsWhiteSpace(ch) && !inQuotes)
            {
                if (hasToken)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                    hasToken = false;
                }
            }
            else
            {
                current.Append(ch);
                hasToken = true;
            }
        }

        if (inQuotes)
        {
            throw new FormatException("A quote is not closed.");
        }

        if (hasToken)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }
}
