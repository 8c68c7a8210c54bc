using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace StockBot.Host.Cli;

/// <summary>
/// What System.CommandLine found wrong, said as a person would: the flag or argument typed, what is allowed,
/// and the nearest command or option when it looks like a typo (`website lst`: did you mean `list`?).
/// </summary>
internal static partial class CliParseErrors
{
    /// <summary>Usual short names, given to every command of that name.</summary>
    private static readonly (string Name, string Alias)[] Aliases = [("list", "ls"), ("remove", "rm"), ("update", "edit")];

    /// <summary>Adds the usual aliases (`ls`, `rm`) to every command in the tree, where they are free.</summary>
    public static void AddAliases(Command root)
    {
        foreach (var command in root.Subcommands)
        {
            var taken = command.Subcommands.SelectMany(c => c.Aliases.Append(c.Name)).ToHashSet(StringComparer.Ordinal);
            foreach (var sub in command.Subcommands)
            {
                foreach (var (name, alias) in Aliases)
                {
                    if (sub.Name == name && taken.Add(alias))
                    {
                        sub.Aliases.Add(alias);
                    }
                }
            }

            AddAliases(command);
        }
    }

    public static string Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        if (parse.UnmatchedTokens.Count > 0 && parse.UnmatchedTokens[0] is { } unknown)
        {
            if (FlagBefore(parse, unknown) is { } flag)
            {
                return $"{flag}: '{unknown}' is not true or false";
            }

            return unknown.StartsWith('-')
                ? $"{path}: there is no option {unknown}{Suggest(unknown, command.Options.Select(o => o.Name), command.Options.SelectMany(o => o.Aliases))} (see {path} --help)"
                : command.Subcommands.Count > 0
                    ? $"{path}: there is no command '{unknown}'{Suggest(unknown, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name), command.Subcommands.SelectMany(c => c.Aliases))} (see {path} --help)"
                    : $"{path}: unexpected '{unknown}' (see {path} --help)";
        }

        var error = parse.Errors[0];
        if (NotParsed().Match(error.Message) is { Success: true } match)
        {
            var what = error.SymbolResult switch
            {
                OptionResult o => o.Option.Name,
                ArgumentResult a => a.Argument.Name,
                _ => path,
            };
            return $"{what}: '{match.Groups["value"].Value}' is not {Expected(match.Groups["type"].Value)}";
        }

        if (command.Subcommands.Count > 0 && error.SymbolResult is CommandResult { Command: var bare } && bare == command)
        {
            return $"{path}: which one? {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))} (see {path} --help)";
        }

        return $"{error.Message.TrimEnd('.')} (see {path} --help)";
    }

    /// <summary>`--public maybe`: a true/false flag takes no other word, so the word after it is left over; name the flag.</summary>
    private static string? FlagBefore(ParseResult parse, string unknown)
    {
        var tokens = parse.Tokens;
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].Value == unknown && tokens[i - 1].Type == TokenType.Option
                && parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == tokens[i - 1].Value || o.Aliases.Contains(tokens[i - 1].Value)) is { ValueType: var type }
                && (type == typeof(bool) || type == typeof(bool?)))
            {
                return tokens[i - 1].Value;
            }
        }

        return null;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is CommandResult c; at = c.Parent)
        {
            names.Add(c.Command is RootCommand ? "stockbot" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "a whole number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) => "a number",
        _ when type.Contains("TimeSpan", StringComparison.Ordinal) => "a duration (hh:mm:ss)",
        _ => "allowed here",
    };

    /// <summary>"; did you mean 'list'?" for a near miss (at most two edits, or a prefix), else nothing.</summary>
    /// <remarks>Names win over aliases at the same distance: `lst` suggests `list`, not `ls`.</remarks>
    private static string Suggest(string typed, IEnumerable<string> names, IEnumerable<string> aliases)
    {
        var letters = typed.TrimStart('-').Length;
        var best = names.Select(n => (Name: n, Alias: false)).Concat(aliases.Select(a => (Name: a, Alias: true)))
            .Select(c => (c.Name, c.Alias, Distance: c.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(typed.ToLowerInvariant(), c.Name.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Min(2, Math.Max(1, letters / 3)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Alias).ThenBy(c => c.Name.Length)
            .FirstOrDefault();
        return best.Name is null ? string.Empty : $"; did you mean '{best.Name}'?";
    }

    /// <summary>Edits between two words, a swap of neighbours counting as one (`lwo` is one edit from `low`).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command) '[^']*' as expected type '(?<type>[^']+)'")]
    private static partial Regex NotParsed();
}
