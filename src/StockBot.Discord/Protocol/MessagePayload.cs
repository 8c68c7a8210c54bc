namespace StockBot.Discord.Protocol;

/// <summary>
/// The body of a created message, an interaction reply or an edit of @original. An edit sends
/// components: [] to clear the "thinking" state's rows; flags only go with a first reply.
/// </summary>
public sealed record MessagePayload(
    IReadOnlyList<Embed>? Embeds,
    AllowedMentions AllowedMentions,
    string? Content = null,
    IReadOnlyList<ActionRow<LinkButton>>? Components = null,
    IReadOnlyList<AttachmentReference>? Attachments = null,
    MessageFlags? Flags = null);
