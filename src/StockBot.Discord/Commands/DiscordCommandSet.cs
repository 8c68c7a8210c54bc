using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StockBot.Core.Commands;

namespace StockBot.Discord.Commands;

/// <summary>
/// The application commands, generated from the shared catalog: one command per group, whose
/// commands become SUB_COMMAND options (a group of one unnamed command is a top-level command);
/// required options first, autocomplete on website and monitor options, Manage Server by default
/// on managing groups.
/// </summary>
public static partial class DiscordCommandSet
{
    public const string ManageServerPermission = "32";

    public const int SubCommand = 1;
    public const int StringType = 3;
    public const int IntegerType = 4;
    public const int BooleanType = 5;
    public const int ChannelType = 7;
    public const int RoleType = 8;

    public static JsonArray Build(CommandCatalog catalog)
    {
        var commands = new JsonArray();
        foreach (var group in catalog.Groups)
        {
            var members = catalog.Commands.Where(c => c.Group == group).ToList();
            JsonObject command;
            if (members.Count == 1 && members[0].Name is null)
            {
                command = new JsonObject
                {
                    ["name"] = Name(group),
                    ["type"] = 1,
                    ["description"] = Description(members[0].Description),
                    ["options"] = Options(members[0].Options),
                };
            }
            else
            {
                var subcommands = new JsonArray();
                foreach (var member in members)
                {
                    subcommands.Add(new JsonObject
                    {
                        ["type"] = SubCommand,
                        ["name"] = Name(member.Name ?? group),
                        ["description"] = Description(member.Description),
                        ["options"] = Options(member.Options),
                    });
                }

                command = new JsonObject
                {
                    ["name"] = Name(group),
                    ["type"] = 1,
                    ["description"] = Description(catalog.GroupDescription(group)),
                    ["options"] = subcommands,
                };
            }

            if (members.All(m => m.Access != CommandAccess.Everyone))
            {
                command["default_member_permissions"] = ManageServerPermission;
            }

            commands.Add(command);
        }

        return commands;
    }

    public static int OptionType(CommandOptionType type) => type switch
    {
        CommandOptionType.Integer => IntegerType,
        CommandOptionType.Boolean => BooleanType,
        CommandOptionType.Channel => ChannelType,
        CommandOptionType.Role => RoleType,
        _ => StringType,
    };

    private static JsonArray Options(IReadOnlyList<CommandOption> options)
    {
        var array = new JsonArray();
        foreach (var option in options.OrderByDescending(o => o.Required))
        {
            var json = new JsonObject
            {
                ["type"] = OptionType(option.Type),
                ["name"] = Name(option.Name),
                ["description"] = Description(option.Description),
                ["required"] = option.Required,
            };
            if (option.Lookup != OptionLookup.None && option.Type is CommandOptionType.String or CommandOptionType.Integer)
            {
                json["autocomplete"] = true;
            }

            if (option.Type == CommandOptionType.Integer)
            {
                if (option.MinValue is { } min)
                {
                    json["min_value"] = min;
                }

                if (option.MaxValue is { } max)
                {
                    json["max_value"] = max;
                }
            }

            if (option.Type == CommandOptionType.String && option.MaxLength is { } length)
            {
                json["max_length"] = Math.Clamp(length, 1, 6000);
            }

            if (option.Type == CommandOptionType.Channel)
            {
                // Text and announcement channels: where alerts can be posted.
                json["channel_types"] = new JsonArray(0, 5);
            }

            array.Add(json);
        }

        return array;
    }

    private static string Name(string name)
    {
        var lower = name.ToLower(CultureInfo.InvariantCulture);
        return NamePattern().IsMatch(lower) ? lower : throw new InvalidOperationException($"'{name}' cannot be a Discord command or option name (1-32 of a-z, 0-9, - and _).");
    }

    private static string Description(string description)
    {
        var text = string.IsNullOrWhiteSpace(description) ? "-" : description.Trim();
        return text.Length <= 100 ? text : text[..99] + "…";
    }

    [GeneratedRegex(@"^[-_\p{Ll}\p{N}]{1,32}$")]
    private static partial Regex NamePattern();
}
