using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockBot.Core.Commands;

namespace StockBot.Core.Follows;

/// <summary>The "your follow was turned off" line a chat user gets once, before the reply to their next command.</summary>
internal static partial class FollowNotice
{
    public static async Task<string?> TakeAsync(IServiceProvider services, CommandCaller caller, CancellationToken cancellationToken)
    {
        if (caller.Platform == Platform.Console || services.GetService<FollowService>() is not { } follows)
        {
            return null;
        }

        try
        {
            return await follows.TakeNoticeAsync(caller.Platform, caller.UserId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reply matters more than the notice: it is given next time.
            LogFailed(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FollowNotice)), ex, caller.Platform.ToDb());
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the {Platform} caller's turned-off follows")]
    private static partial void LogFailed(ILogger logger, Exception exception, string platform);
}
