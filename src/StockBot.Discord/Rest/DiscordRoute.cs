namespace StockBot.Discord.Rest;

/// <summary>
/// One REST call: the route template (what logs and rate-limit buckets see, never a token), the
/// major parameter (channel, webhook or interaction id) that splits buckets, and the real path.
/// </summary>
public sealed record DiscordRoute(HttpMethod Method, string Template, string MajorParameter, string Path)
{
    /// <summary>Which route a bucket hash belongs to.</summary>
    public string RouteKey => $"{Method.Method} {Template}";

    /// <summary>Interaction callbacks and webhook edits are not counted against the global limit.</summary>
    public bool CountsGlobally => !Template.StartsWith("/interactions/", StringComparison.Ordinal) && !Template.StartsWith("/webhooks/", StringComparison.Ordinal);

    public override string ToString() => RouteKey;

    public static DiscordRoute GatewayBot() => new(HttpMethod.Get, "/gateway/bot", string.Empty, "/gateway/bot");

    public static DiscordRoute BulkOverwriteGlobalCommands(string applicationId) =>
        new(HttpMethod.Put, "/applications/{application.id}/commands", string.Empty, $"/applications/{applicationId}/commands");

    public static DiscordRoute BulkOverwriteGuildCommands(string applicationId, string guildId) =>
        new(HttpMethod.Put, "/applications/{application.id}/guilds/{guild.id}/commands", guildId, $"/applications/{applicationId}/guilds/{guildId}/commands");

    public static DiscordRoute InteractionCallback(string interactionId, string interactionToken) =>
        new(HttpMethod.Post, "/interactions/{interaction.id}/{interaction.token}/callback", interactionId, $"/interactions/{interactionId}/{Uri.EscapeDataString(interactionToken)}/callback");

    public static DiscordRoute EditOriginalResponse(string applicationId, string interactionToken) =>
        new(HttpMethod.Patch, "/webhooks/{application.id}/{interaction.token}/messages/@original", applicationId, $"/webhooks/{applicationId}/{Uri.EscapeDataString(interactionToken)}/messages/@original");

    public static DiscordRoute CreateMessage(string channelId) =>
        new(HttpMethod.Post, "/channels/{channel.id}/messages", channelId, $"/channels/{channelId}/messages");
}
