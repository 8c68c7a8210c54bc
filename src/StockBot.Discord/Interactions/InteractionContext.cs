namespace StockBot.Discord.Interactions;

/// <summary>What every interaction carries. The token is a credential for 15 minutes: never log it.</summary>
public sealed record InteractionContext(string Id, string Token, InteractionType Type, string ApplicationId, string ChannelId, string UserId, bool IsAdmin, string? DisplayName)
{
    /// <summary>Manage Server or Administrator in the channel makes a StockBot admin.</summary>
    private const DiscordPermissions AdminPermissions = DiscordPermissions.Administrator | DiscordPermissions.ManageGuild;

    public override string ToString() => $"interaction {Id}";

    /// <summary>In a guild the member (and member.user) speaks, in a DM the user; the display name is the nick, else the global name, else the username.</summary>
    public static InteractionContext From(Interaction interaction)
    {
        var member = interaction.Member;
        var user = member?.User ?? interaction.User;
        var permissions = DiscordPermissionsText.Parse(member?.Permissions);
        return new InteractionContext(
            interaction.Id ?? throw new KeyNotFoundException("The interaction has no id."),
            interaction.Token ?? throw new KeyNotFoundException("The interaction has no token."),
            interaction.Type,
            interaction.ApplicationId ?? string.Empty,
            interaction.ChannelId ?? interaction.Channel?.Id ?? string.Empty,
            user?.Id ?? string.Empty,
            (permissions & AdminPermissions) != 0,
            member?.Nick ?? user?.GlobalName ?? user?.Username);
    }
}
