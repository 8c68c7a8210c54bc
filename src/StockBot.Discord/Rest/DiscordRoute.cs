namespace StockBot.Discord.Rest;

/// <summary>
/// One REST call: the route template (what logs and rate-limit buckets see, never a token), the
/// major parameter (channel, webhook or interaction id) that splits buckets, and the real path.
/// </summary>
public sealed record DiscordRoute(HttpMethod Method, string Template, string MajorParameter, string Path)
{
    /// <summary>Which route a bucket hash belongs to.</summary>
    public string RouteKey => $"{Method.Method} {Template}";

    /// <summary>Not sent after this time (an interaction's 3 s callback deadline, its token's 15 minutes): dropped instead.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>An interaction callback: bound by its 3 s deadline, so neither the global 429 pause nor the invalid-request pause holds it.</summary>
    public bool IsInteractionCallback => Template.StartsWith("/interactions/", StringComparison.Ordinal);

    /// <summary>Callbacks and edits of interaction replies: not bound by the bot's global rate limit.</summary>
    public bool IsInteractionResponse => IsInteractionCallback || Template.StartsWith("/webhooks/{application.id}/{interaction.token}", StringComparison.Ordinal);

    /// <summary>Interaction callbacks and webhook edits are not counted against the global limit.</summary>
    public bool CountsGlobally => !IsInteractionCallback && !Template.StartsWith("/webhooks/", StringComparison.Ordinal);

    public override string ToString() => RouteKey;

    public static DiscordRoute GatewayBot() => new(HttpMethod.Get, "/gateway/bot", string.Empty, "/gateway/bot");

    public static DiscordRoute BulkOverwriteGlobalCommands(string applicationId) =>
        new(HttpMethod.Put, "/applications/{application.id}/commands", string.Empty, $"/applications/{applicationId}/commands");

    public static DiscordRoute BulkOverwriteGuildCommands(string applicationId, string guildId) =>
        new(HttpMethod.Put, "/applications/{application.id}/guilds/{guild.id}/commands", guildId, $"/applications/{applicationId}/guilds/{guildId}/commands");

    public static DiscordRoute InteractionCallback(string interactionId, string interactionToken, DateTimeOffset? deadline = null) =>
        new(HttpMethod.Post, "/interactions/{interaction.id}/{interaction.token}/callback", interactionId, $"/interactions/{interactionId}/{Uri.EscapeDataString(interactionToken)}/callback")
        {
            Deadline = deadline,
        };

    /// <summary>Its bucket is the interaction token's own (Discord keys webhook buckets by id and token): a hash stands for the token, which never becomes a key.</summary>
    public static DiscordRoute EditOriginalResponse(string applicationId, string interactionToken, DateTimeOffset? deadline = null) =>
        new(HttpMethod.Patch, "/webhooks/{application.id}/{interaction.token}/messages/@original", TokenKey(interactionToken), $"/webhooks/{applicationId}/{Uri.EscapeDataString(interactionToken)}/messages/@original")
        {
            Deadline = deadline,
        };

    private static string TokenKey(string token) =>
        "token:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)))[..16];

    /// <summary>POST /users/@me/channels: the DM channel with a user (one bucket for the bot).</summary>
    public static DiscordRoute CreateDm() => new(HttpMethod.Post, "/users/@me/channels", string.Empty, "/users/@me/channels");

    public static DiscordRoute CreateMessage(string channelId) =>
        new(HttpMethod.Post, "/channels/{channel.id}/messages", channelId, $"/channels/{channelId}/messages");
}
