namespace StockBot.Discord.Interactions;

/// <summary>
/// What every interaction carries. The token is a credential for 15 minutes: never log it. GuildId is
/// null in a DM; AppPermissions (the bot's own in the channel) is null when Discord did not send them.
/// </summary>
public sealed record InteractionContext(string Id, string Token, InteractionType Type, string ApplicationId, string ChannelId, string UserId, bool IsAdmin, string? DisplayName)
{
    /// <summary>Manage Server or Administrator in the channel makes a StockBot admin.</summary>
    private const DiscordPermissions AdminPermissions = DiscordPermissions.Administrator | DiscordPermissions.ManageGuild;

    public string? GuildId { get; init; }

    public DiscordPermissions? AppPermissions { get; init; }

    /// <summary>When Discord created the interaction: the older of its snowflake's time and when it reached us; the deadlines run from it.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset CallbackDeadline => CreatedAt + DiscordLimits.InteractionCallbackDeadline;

    public DateTimeOffset TokenExpiresAt => CreatedAt + DiscordLimits.InteractionTokenLifetime;

    public override string ToString() => $"interaction {Id}";

    /// <summary>In a guild the member (and member.user) speaks, in a DM the user; the display name is the nick, else the global name, else the username.</summary>
    public static InteractionContext From(Interaction interaction, DateTimeOffset? receivedAt = null)
    {
        var member = interaction.Member;
        var user = member?.User ?? interaction.User;
        var permissions = DiscordPermissionsText.Parse(member?.Permissions);
        var id = interaction.Id ?? throw new KeyNotFoundException("The interaction has no id.");
        var received = receivedAt ?? DateTimeOffset.UtcNow;
        var created = Snowflake.Time(id) is { } minted && minted < received ? minted : received;
        return new InteractionContext(
            id,
            interaction.Token ?? throw new KeyNotFoundException("The interaction has no token."),
            interaction.Type,
            interaction.ApplicationId ?? string.Empty,
            interaction.ChannelId ?? interaction.Channel?.Id ?? string.Empty,
            user?.Id ?? string.Empty,
            (permissions & AdminPermissions) != 0,
            member?.Nick ?? user?.GlobalName ?? user?.Username)
        {
            GuildId = string.IsNullOrEmpty(interaction.GuildId) ? null : interaction.GuildId,
            AppPermissions = interaction.AppPermissions is null ? null : DiscordPermissionsText.Parse(interaction.AppPermissions),
            CreatedAt = created,
        };
    }
}
