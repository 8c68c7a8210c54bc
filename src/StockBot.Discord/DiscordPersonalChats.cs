using Microsoft.Extensions.Logging;
using StockBot.Core.Commands;
using StockBot.Core.Follows;
using StockBot.Data.Entities;
using StockBot.Discord.Rest;

namespace StockBot.Discord;

/// <summary>
/// A Discord user's personal alerts go to their DM channel with the bot: the channel a DM command came from, or the
/// one POST /users/@me/channels opens for a command from a server. Its id is kept on the follow, so alerts need no
/// second call. Whether the user takes DMs shows at the first alert: 50007 "Cannot send messages to this user".
/// </summary>
public sealed partial class DiscordPersonalChats(DiscordRestClient rest, ILogger<DiscordPersonalChats> logger) : IPersonalChats
{
    public Platform Platform => Platform.Discord;

    public async Task<PersonalChat> OpenAsync(CommandCaller caller, CancellationToken cancellationToken)
    {
        if (caller.IsPrivate && caller.ChannelId.Length > 0)
        {
            return PersonalChat.At(caller.ChannelId);
        }

        var response = await rest.SendJsonAsync(DiscordRoute.CreateDm(), new DmChannelRequest(caller.UserId), DiscordJsonContext.Default.DmChannelRequest, cancellationToken);
        if (response.IsSuccess && Read(response)?.Id is { Length: > 0 } id)
        {
            return PersonalChat.At(id);
        }

        LogRefused(logger, caller.UserId, response.Describe());
        return PersonalChat.Refused($"Discord would not open a DM with you ({response.Describe()}); allow direct messages from this server's members and try again, or run /follow in a DM with me.");
    }

    private static PartialChannel? Read(DiscordResponse response)
    {
        try
        {
            return response.Read(DiscordJsonContext.Default.PartialChannel);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord would not open a DM channel with user {UserId}: {Error}")]
    private static partial void LogRefused(ILogger logger, string userId, string error);
}
