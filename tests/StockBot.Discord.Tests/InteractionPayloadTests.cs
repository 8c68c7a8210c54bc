using System.Text.Json;
using StockBot.Discord.Interactions;
using StockBot.Discord.Protocol;

namespace StockBot.Discord.Tests;

public sealed class InteractionPayloadTests
{
    /// <summary>Shaped as Discord documents an APPLICATION_COMMAND in a guild: /monitor add with a role and a user resolved.</summary>
    private const string GuildCommand = """
        {
          "id": "1200000000000000001",
          "application_id": "900000000000000001",
          "type": 2,
          "data": {
            "id": "1100000000000000001",
            "name": "monitor",
            "type": 1,
            "options": [
              {
                "type": 1,
                "name": "add",
                "options": [
                  { "type": 4, "name": "website", "value": 3 },
                  { "type": 3, "name": "name", "value": "Tiny VPS", "focused": false },
                  { "type": 5, "name": "restock", "value": true },
                  { "type": 8, "name": "mention", "value": "730000000000000009" }
                ]
              }
            ],
            "resolved": {
              "users": { "800000000000000003": { "id": "800000000000000003", "username": "other", "global_name": null } },
              "members": { "800000000000000003": { "nick": "Other One", "permissions": "1024", "roles": ["730000000000000009"] } },
              "roles": { "730000000000000009": { "id": "730000000000000009", "name": "Restock pings", "color": 0 } }
            }
          },
          "guild_id": "700000000000000001",
          "channel_id": "700000000000000002",
          "channel": { "id": "700000000000000002", "name": "alerts", "type": 0 },
          "member": {
            "user": { "id": "800000000000000001", "username": "admin", "global_name": "Admin", "discriminator": "0" },
            "nick": null,
            "permissions": "2080",
            "roles": []
          },
          "token": "interaction-token",
          "version": 1,
          "locale": "en-US",
          "entitlements": []
        }
        """;

    [Fact]
    public void Deserialize_GuildCommand_ReadsSubcommandOptionsAndResolvedMembers()
    {
        var interaction = JsonSerializer.Deserialize(GuildCommand, DiscordJsonContext.Default.Interaction)!;

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("monitor", interaction.Data!.Name);
        var sub = Assert.Single(interaction.Data.Options!);
        Assert.Equal(ApplicationCommandOptionType.SubCommand, sub.Type);
        Assert.Equal("add", sub.Name);
        Assert.Equal(
            [ApplicationCommandOptionType.Integer, ApplicationCommandOptionType.String, ApplicationCommandOptionType.Boolean, ApplicationCommandOptionType.Role],
            sub.Options!.Select(o => o.Type));
        Assert.Equal(3, sub.Options![0].Value!.Value.GetInt32());
        Assert.Equal(JsonValueKind.True, sub.Options[2].Value!.Value.ValueKind);
        var resolved = interaction.Data.Resolved!;
        Assert.Equal("Other One", resolved.Members!["800000000000000003"].Nick);
        Assert.Null(resolved.Members["800000000000000003"].User);
        Assert.Equal("other", resolved.Users!["800000000000000003"].Username);
        Assert.Equal("Restock pings", resolved.Roles!["730000000000000009"].Name);
        Assert.Equal(ChannelType.GuildText, interaction.Channel!.Type);
    }

    [Fact]
    public void From_GuildMemberWithManageServer_IsAnAdminNamedByGlobalName()
    {
        var interaction = JsonSerializer.Deserialize(GuildCommand, DiscordJsonContext.Default.Interaction)!;

        var context = InteractionContext.From(interaction);

        Assert.Equal("1200000000000000001", context.Id);
        Assert.Equal("interaction-token", context.Token);
        Assert.Equal("900000000000000001", context.ApplicationId);
        Assert.Equal("700000000000000002", context.ChannelId);
        Assert.Equal("800000000000000001", context.UserId);
        Assert.True(context.IsAdmin);
        Assert.Equal("Admin", context.DisplayName);
        Assert.DoesNotContain("interaction-token", context.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8", true)]
    [InlineData("32", true)]
    [InlineData("3072", false)]
    [InlineData("not a number", false)]
    public void From_MemberPermissions_AdminOnlyWithAdministratorOrManageServer(string permissions, bool admin)
    {
        var json = """{"id":"1","token":"t","type":2,"channel":{"id":"5"},"member":{"user":{"id":"2","username":"u"},"nick":"Nick","permissions":"PERMISSIONS"}}""".Replace("PERMISSIONS", permissions, StringComparison.Ordinal);

        var context = InteractionContext.From(JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction)!);

        Assert.Equal(admin, context.IsAdmin);
        Assert.Equal("5", context.ChannelId);
        Assert.Equal("Nick", context.DisplayName);
    }

    [Fact]
    public void From_DirectMessage_TakesTheUserAndIsNoAdmin()
    {
        var json = """{"id":"1","token":"t","type":4,"channel_id":"6","user":{"id":"3","username":"dm-user"},"data":{"name":"history","options":[{"type":4,"name":"monitor","value":"1","focused":true}]}}""";

        var interaction = JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction)!;
        var context = InteractionContext.From(interaction);

        Assert.Equal(InteractionType.ApplicationCommandAutocomplete, context.Type);
        Assert.Equal("3", context.UserId);
        Assert.Equal("dm-user", context.DisplayName);
        Assert.False(context.IsAdmin);
        Assert.True(interaction.Data!.Options![0].Focused);
    }

    [Fact]
    public void From_NoToken_IsRefusedAsMalformed()
    {
        var interaction = JsonSerializer.Deserialize("""{"id":"1","type":2}""", DiscordJsonContext.Default.Interaction)!;

        Assert.Throws<KeyNotFoundException>(() => InteractionContext.From(interaction));
    }

    [Fact]
    public void Deserialize_ModalSubmit_ReadsRowsOfTextInputs()
    {
        var json = """{"id":"1","token":"t","type":5,"data":{"custom_id":"stockbot:website add","components":[{"type":1,"components":[{"type":4,"custom_id":"name","value":"Sim"}]}]}}""";

        var data = JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction)!.Data!;

        Assert.Equal("stockbot:website add", data.CustomId);
        var row = Assert.Single(data.Components!);
        Assert.Equal(ComponentType.ActionRow, row.Type);
        var input = Assert.Single(row.Components!);
        Assert.Equal((ComponentType.TextInput, "name", "Sim"), (input.Type, input.CustomId, input.Value));
    }
}
