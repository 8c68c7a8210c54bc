using System.Text.Json.Nodes;

namespace StockBot.Testing.Discord;

/// <summary>Builds INTERACTION_CREATE payloads as Discord sends them (guild member with permissions).</summary>
public sealed class FakeInteractions(FakeDiscord fake)
{
    public const string GuildId = "700000000000000001";
    public const string ChannelId = "700000000000000002";
    public const string AdminUserId = "800000000000000001";
    public const string MemberUserId = "800000000000000002";

    /// <summary>Manage Server (0x20) plus send messages: an admin for StockBot.</summary>
    public const string AdminPermissions = "2080";

    /// <summary>View channel and send messages only.</summary>
    public const string MemberPermissions = "3072";

    /// <summary>An APPLICATION_COMMAND: /group [sub] with options (values as Discord types them: string, long, bool).</summary>
    public JsonObject Command(string group, string? sub, IReadOnlyDictionary<string, object>? options = null, bool admin = true, string channelId = ChannelId)
    {
        var list = Options(options, focused: null);
        var data = new JsonObject { ["id"] = fake.NextId(), ["name"] = group, ["type"] = 1 };
        data["options"] = sub is null ? list : new JsonArray(new JsonObject { ["type"] = 1, ["name"] = sub, ["options"] = list });
        return Interaction(2, data, admin, channelId);
    }

    /// <summary>An AUTOCOMPLETE for one focused option, its partial text as typed.</summary>
    public JsonObject Autocomplete(string group, string? sub, string focusedOption, string partial, bool admin = true)
    {
        var list = Options(new Dictionary<string, object> { [focusedOption] = partial }, focusedOption);
        var data = new JsonObject { ["id"] = fake.NextId(), ["name"] = group, ["type"] = 1 };
        data["options"] = sub is null ? list : new JsonArray(new JsonObject { ["type"] = 1, ["name"] = sub, ["options"] = list });
        return Interaction(4, data, admin, ChannelId);
    }

    /// <summary>A MODAL_SUBMIT with one text input per value.</summary>
    public JsonObject ModalSubmit(string customId, IReadOnlyDictionary<string, string> values, bool admin = true)
    {
        var rows = new JsonArray();
        foreach (var (id, value) in values)
        {
            rows.Add(new JsonObject { ["type"] = 1, ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = id, ["value"] = value }) });
        }

        return Interaction(5, new JsonObject { ["custom_id"] = customId, ["components"] = rows }, admin, ChannelId);
    }

    private JsonObject Interaction(int type, JsonObject data, bool admin, string channelId)
    {
        var id = fake.NextId();
        return new JsonObject
        {
            ["id"] = id,
            ["application_id"] = fake.ApplicationId,
            ["type"] = type,
            ["data"] = data,
            ["guild_id"] = GuildId,
            ["channel_id"] = channelId,
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = admin ? AdminUserId : MemberUserId, ["username"] = admin ? "admin" : "member", ["global_name"] = admin ? "Admin" : "Member" },
                ["permissions"] = admin ? AdminPermissions : MemberPermissions,
                ["roles"] = new JsonArray(),
            },
            ["token"] = $"fake-interaction-token-{id}",
            ["version"] = 1,
            ["locale"] = "en-US",
        };
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
