using System.Text.Json.Nodes;

namespace StockBot.Testing.Discord;

/// <summary>
/// Builds INTERACTION_CREATE payloads as Discord sends them: a guild member with permissions, the bot's own
/// app_permissions, a snowflake id minted when the interaction was made. A command is only built the way the
/// Discord client lets a user send it: it must be registered where it is used (that guild, or globally for
/// that context) and carry every required option (the client will not send it otherwise).
/// </summary>
public sealed class FakeInteractions(FakeDiscord fake)
{
    public const string GuildId = "700000000000000001";
    public const string ChannelId = "700000000000000002";

    /// <summary>A second guild: someone else's server the public bot was added to.</summary>
    public const string OtherGuildId = "700000000000000901";
    public const string OtherGuildChannelId = "700000000000000902";
    public const string AdminUserId = "800000000000000001";
    public const string MemberUserId = "800000000000000002";

    /// <summary>Manage Server (0x20) plus send messages: an admin for StockBot.</summary>
    public const string AdminPermissions = "2080";

    /// <summary>View channel and send messages only.</summary>
    public const string MemberPermissions = "3072";

    /// <summary>The bot's permissions in the channel as the invite link grants them: View Channel, Send Messages, Embed Links, Attach Files, Mention Everyone.</summary>
    public const string BotPermissions = "183296";

    /// <summary>
    /// An APPLICATION_COMMAND: /group [sub] with options (values as Discord types them: string, long, bool).
    /// <paramref name="guildId"/> null = a DM. <paramref name="offered"/> false skips the "would the client offer it" check
    /// (a command left over from an older registration). <paramref name="ago"/> makes it an interaction created that long ago.
    /// </summary>
    public JsonObject Command(
        string group,
        string? sub,
        IReadOnlyDictionary<string, object>? options = null,
        bool admin = true,
        string channelId = ChannelId,
        string? guildId = GuildId,
        bool offered = true,
        string? appPermissions = BotPermissions,
        TimeSpan? ago = null,
        JsonObject? resolved = null)
    {
        if (offered)
        {
            EnsureOffered(group, sub, options, guildId);
        }

        var list = Options(options, focused: null);
        var data = new JsonObject { ["id"] = fake.NextId(), ["name"] = group, ["type"] = 1 };
        data["options"] = sub is null ? list : new JsonArray(new JsonObject { ["type"] = 1, ["name"] = sub, ["options"] = list });
        if (resolved is not null)
        {
            data["resolved"] = resolved;
        }

        return Interaction(2, data, admin, channelId, guildId, appPermissions, ago);
    }

    /// <summary>An AUTOCOMPLETE for one focused option, its partial text as typed.</summary>
    public JsonObject Autocomplete(string group, string? sub, string focusedOption, string partial, bool admin = true, string? guildId = GuildId)
    {
        var list = Options(new Dictionary<string, object> { [focusedOption] = partial }, focusedOption);
        var data = new JsonObject { ["id"] = fake.NextId(), ["name"] = group, ["type"] = 1 };
        data["options"] = sub is null ? list : new JsonArray(new JsonObject { ["type"] = 1, ["name"] = sub, ["options"] = list });
        return Interaction(4, data, admin, guildId == GuildId ? ChannelId : OtherGuildChannelId, guildId, BotPermissions, null);
    }

    /// <summary>A MODAL_SUBMIT with one text input per value.</summary>
    public JsonObject ModalSubmit(string customId, IReadOnlyDictionary<string, string> values, bool admin = true, string? guildId = GuildId)
    {
        var rows = new JsonArray();
        foreach (var (id, value) in values)
        {
            rows.Add(new JsonObject { ["type"] = 1, ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = id, ["value"] = value }) });
        }

        return Interaction(5, new JsonObject { ["custom_id"] = customId, ["components"] = rows }, admin, guildId == GuildId ? ChannelId : OtherGuildChannelId, guildId, BotPermissions, null);
    }

    /// <summary>resolved.roles for a role option: the role and whether anyone may mention it.</summary>
    public static JsonObject ResolvedRole(string roleId, string name, bool mentionable) =>
        new() { ["roles"] = new JsonObject { [roleId] = new JsonObject { ["id"] = roleId, ["name"] = name, ["color"] = 0, ["mentionable"] = mentionable } } };

    /// <summary>What the Discord client enforces before it sends a command: it is offered here, and every required option is filled.</summary>
    private void EnsureOffered(string group, string? sub, IReadOnlyDictionary<string, object>? options, string? guildId)
    {
        var command = fake.OfferedCommand(group, guildId)
            ?? throw new InvalidOperationException($"The Discord client does not offer /{group} in {(guildId is null ? "a DM" : $"guild {guildId}")}: it is not registered there.");
        var declared = command["options"] as JsonArray ?? [];
        if (sub is not null)
        {
            declared = declared.FirstOrDefault(o => o?["type"]?.GetValue<int>() == 1 && o["name"]?.GetValue<string>() == sub)?["options"] as JsonArray
                ?? throw new InvalidOperationException($"/{group} has no registered subcommand {sub}.");
        }

        foreach (var option in declared)
        {
            var name = option!["name"]!.GetValue<string>();
            if (option["required"]?.GetValue<bool>() == true && (options is null || !options.ContainsKey(name)))
            {
                throw new InvalidOperationException($"The Discord client will not send /{group}{(sub is null ? string.Empty : " " + sub)} without its required option '{name}': the user has to fill it in first.");
            }
        }

        foreach (var name in options?.Keys ?? [])
        {
            if (!declared.Any(o => o?["name"]?.GetValue<string>() == name))
            {
                throw new InvalidOperationException($"/{group}{(sub is null ? string.Empty : " " + sub)} has no registered option '{name}'.");
            }
        }
    }

    private JsonObject Interaction(int type, JsonObject data, bool admin, string channelId, string? guildId, string? appPermissions, TimeSpan? ago)
    {
        var id = fake.NextId(ago);
        var user = new JsonObject { ["id"] = admin ? AdminUserId : MemberUserId, ["username"] = admin ? "admin" : "member", ["global_name"] = admin ? "Admin" : "Member" };
        var interaction = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = fake.ApplicationId,
            ["type"] = type,
            ["data"] = data,
            ["channel_id"] = channelId,
            ["token"] = $"fake-interaction-token-{id}",
            ["version"] = 1,
            ["locale"] = "en-US",
            ["context"] = guildId is null ? 1 : 0,
        };
        if (appPermissions is not null)
        {
            interaction["app_permissions"] = appPermissions;
        }

        if (guildId is null)
        {
            interaction["user"] = user;
        }
        else
        {
            interaction["guild_id"] = guildId;
            interaction["member"] = new JsonObject
            {
                ["user"] = user,
                ["permissions"] = admin ? AdminPermissions : MemberPermissions,
                ["roles"] = new JsonArray(),
            };
        }

        return interaction;
    }

    private static JsonArray Options(IReadOnlyDictionary<string, object>? options, string? focused)
    {
        var list = new JsonArray();
        foreach (var (name, value) in options ?? new Dictionary<string, object>())
        {
            var (type, node) = value switch
            {
                bool b => (5, JsonValue.Create(b)),
                int i => (4, JsonValue.Create(i)),
                long l => (4, JsonValue.Create(l)),
                _ => (3, (JsonNode?)JsonValue.Create(value.ToString())),
            };
            var option = new JsonObject { ["name"] = name, ["type"] = type, ["value"] = node };
            if (name == focused)
            {
                option["focused"] = true;
            }

            list.Add(option);
        }

        return list;
    }
}
