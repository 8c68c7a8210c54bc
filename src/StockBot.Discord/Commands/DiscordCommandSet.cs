using System.Text.RegularExpressions;
using StockBot.Core.Commands;

namespace StockBot.Discord.Commands;

/// <summary>One bulk-overwrite PUT: to a guild, or global (GuildId null).</summary>
public sealed record CommandRegistration(string? GuildId, IReadOnlyList<ApplicationCommand> Commands);

/// <summary>
/// The application commands, generated from the shared catalog: one command per group, whose
/// commands become SUB_COMMAND options (a group of one unnamed command is a top-level command);
/// required options first, autocomplete on website and monitor options, Manage Server by default
/// on managing groups. A command that carries a secret is registered without options: Discord would
/// make the user type them (the secret in the open) before the modal that collects them privately.
/// </summary>
public static partial class DiscordCommandSet
{
    /// <summary>Global commands show in servers only: not in DMs, not as a user-installed app.</summary>
    private static readonly InteractionContextType[] GuildOnly = [InteractionContextType.Guild];
    private static readonly ApplicationIntegrationType[] GuildInstall = [ApplicationIntegrationType.GuildInstall];

    /// <summary>Personal commands: in servers and in the bot's own DMs.</summary>
    private static readonly InteractionContextType[] GuildAndBotDm = [InteractionContextType.Guild, InteractionContextType.BotDm];

    /// <summary>
    /// Where each command is registered. Management commands (the catalog's Admin and ChatAdmin groups) go
    /// to each guild of Discord:GuildId and Discord:ManagementGuildIds, nowhere else. The other commands go
    /// to Discord:GuildId when it is set (instant, as before), else globally, limited to servers.
    /// </summary>
    public static IReadOnlyList<CommandRegistration> Plan(CommandCatalog catalog, string? homeGuildId, IReadOnlyList<string> managementGuildIds)
    {
        var all = Build(catalog);
        var registrations = new List<CommandRegistration>();
        // A guild's commands never show in DMs: the personal ones (/follow) are always global, offered in servers and in the bot's DMs.
        var personal = all.Where(c => IsPersonal(catalog, c.Name)).Select(c => c with { Contexts = GuildAndBotDm, IntegrationTypes = GuildInstall }).ToList();
        var shared = all.Where(c => !IsPersonal(catalog, c.Name)).ToList();
        if (homeGuildId is null)
        {
            registrations.Add(new CommandRegistration(null, shared
                .Where(c => !IsManagement(catalog, c.Name))
                .Select(c => c with { Contexts = GuildOnly, IntegrationTypes = GuildInstall })
                .Concat(personal)
                .ToList()));
        }

        foreach (var guild in managementGuildIds)
        {
            registrations.Add(new CommandRegistration(guild, shared.Where(c => IsManagement(catalog, c.Name) || guild == homeGuildId).ToList()));
        }

        if (homeGuildId is not null && personal.Count > 0)
        {
            // Last, so a guild's commands are there as soon as before.
            registrations.Add(new CommandRegistration(null, personal));
        }

        return registrations;
    }

    /// <summary>A group that manages StockBot: every command of it needs an admin or a chat admin.</summary>
    public static bool IsManagement(CommandCatalog catalog, string group) => EveryMember(catalog, group, m => m.Access != CommandAccess.Everyone);

    /// <summary>A group about the caller themself (`/follow`): every command of it is personal.</summary>
    public static bool IsPersonal(CommandCatalog catalog, string group) => EveryMember(catalog, group, m => m.Personal);

    private static bool EveryMember(CommandCatalog catalog, string group, Func<CommandDefinition, bool> test)
    {
        var members = catalog.Commands.Where(c => c.Group.Equals(group, StringComparison.OrdinalIgnoreCase)).ToList();
        return members.Count > 0 && members.All(test);
    }

    /// <summary>Text and announcement channels: where alerts can be posted.</summary>
    private static readonly ChannelType[] AlertChannelTypes = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

    public static IReadOnlyList<ApplicationCommand> Build(CommandCatalog catalog)
    {
        var commands = new List<ApplicationCommand>();
        foreach (var group in catalog.Groups)
        {
            var members = catalog.Commands.Where(c => c.Group == group).ToList();
            ApplicationCommand command;
            if (members.Count == 1 && members[0].Name is null)
            {
                command = new ApplicationCommand(Name(group), ApplicationCommandType.ChatInput, Description(members[0].Description), Options(members[0]));
            }
            else
            {
                var subcommands = new List<ApplicationCommandOption>();
                foreach (var member in members)
                {
                    subcommands.Add(new ApplicationCommandOption(
                        ApplicationCommandOptionType.SubCommand,
                        Name(member.Name ?? group),
                        Description(member.Description),
                        Options: Options(member)));
                }

                command = new ApplicationCommand(Name(group), ApplicationCommandType.ChatInput, Description(catalog.GroupDescription(group)), subcommands);
            }

            if (IsManagement(catalog, group))
            {
                command = command with { DefaultMemberPermissions = DiscordPermissions.ManageGuild.ToWire() };
            }

            commands.Add(command);
        }

        return commands;
    }

    public static ApplicationCommandOptionType OptionType(CommandOptionType type) => type switch
    {
        CommandOptionType.Integer => ApplicationCommandOptionType.Integer,
        CommandOptionType.Boolean => ApplicationCommandOptionType.Boolean,
        CommandOptionType.Channel => ApplicationCommandOptionType.Channel,
        CommandOptionType.Role => ApplicationCommandOptionType.Role,
        _ => ApplicationCommandOptionType.String,
    };

    private static List<ApplicationCommandOption> Options(CommandDefinition command)
    {
        var list = new List<ApplicationCommandOption>();
        if (command.CarriesSecret)
        {
            // The modal (CommandModal) asks for every option instead.
            return list;
        }

        foreach (var option in command.Options.Where(o => !o.CliOnly).OrderByDescending(o => o.Required))
        {
            var integer = option.Type == CommandOptionType.Integer;
            list.Add(new ApplicationCommandOption(
                OptionType(option.Type),
                Name(option.Name),
                Description(option.Description),
                Required: option.Required,
                Autocomplete: option.Lookup != OptionLookup.None && option.Type is CommandOptionType.String or CommandOptionType.Integer ? true : null,
                MinValue: integer ? option.MinValue : null,
                MaxValue: integer ? option.MaxValue : null,
                MaxLength: option.Type == CommandOptionType.String && option.MaxLength is { } length ? Math.Clamp(length, 1, DiscordLimits.StringOptionMaxLength) : null,
                ChannelTypes: option.Type == CommandOptionType.Channel ? AlertChannelTypes : null));
        }

        return list;
    }

    private static string Name(string name)
    {
        var lower = name.ToLower(CultureInfo.InvariantCulture);
        return NamePattern().IsMatch(lower) ? lower : throw new InvalidOperationException($"'{name}' cannot be a Discord command or option name (1-32 of a-z, 0-9, - and _).");
    }

    private static string Description(string description)
    {
        var text = string.IsNullOrWhiteSpace(description) ? "-" : description.Trim();
        return DiscordText.Truncate(text, DiscordLimits.CommandDescriptionLimit);
    }

    [GeneratedRegex(@"^[-_\p{Ll}\p{N}]{1,32}$")]
    private static partial Regex NamePattern();
}
