using StockBot.Core.Commands;

namespace StockBot.Core.Follows;

/// <summary>
/// Where a platform delivers one user's personal alerts (`/follow`): Telegram the private chat with the bot (the user's
/// id), Discord a DM channel. Each chat platform registers one.
/// </summary>
public interface IPersonalChats
{
    Platform Platform { get; }

    /// <summary>The private chat of the caller, opened when the platform needs that (Discord's DM channel).</summary>
    Task<PersonalChat> OpenAsync(CommandCaller caller, CancellationToken cancellationToken);
}

/// <param name="ChannelId">The private chat's id; null when the platform would not open one (then <paramref name="Refusal"/> says why).</param>
/// <param name="Hint">What the user has to do before alerts can arrive (Telegram: press Start), shown instead of "they come to you".</param>
public sealed record PersonalChat(string? ChannelId, string? Refusal = null, string? Hint = null)
{
    public static PersonalChat At(string channelId, string? hint = null) => new(channelId, null, hint);

    public static PersonalChat Refused(string refusal) => new(null, refusal);
}
