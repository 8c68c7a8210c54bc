using Microsoft.Extensions.Logging;
using StockBot.Core.Follows;

namespace StockBot.Core.Commands;

/// <summary>
/// Runs one command for one caller in one DI scope: authorises, refuses secrets outside a private
/// context, validates every option, runs the handler, and turns failures into replies a person can
/// read (never a stack trace).
/// </summary>
public sealed partial class CommandExecutor(IServiceProvider services, TimeProvider time, ILogger<CommandExecutor> logger)
{
    /// <summary>Runs the command; a chat user whose follows the platform refused since their last command is told first (<see cref="CommandReply.Notice"/>).</summary>
    public async Task<CommandReply> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var reply = await RunAsync(request, cancellationToken);
        var notice = await FollowNotice.TakeAsync(services, request.Caller, cancellationToken);
        return notice is null ? reply : reply with { Notice = notice };
    }

    private async Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var command = request.Command;
        var caller = request.Caller;
        if (command.Access == CommandAccess.Admin && !caller.IsAdmin)
        {
            LogRefused(logger, command.FullName, caller.Platform.ToDb(), caller.UserId);
            return CommandReply.Refuse($"/{command.FullName} is for StockBot admins.", "Ask an admin to run it, or to add you to the admins.");
        }

        if (command.Access == CommandAccess.ChatAdmin && !caller.IsAdmin && !caller.IsChatAdmin)
        {
            LogRefused(logger, command.FullName, caller.Platform.ToDb(), caller.UserId);
            return CommandReply.Refuse($"/{command.FullName} is for this chat's admins.", "Ask an admin of this chat to run it.");
        }

        if (command.CarriesSecret && !caller.IsPrivate)
        {
            LogRefused(logger, command.FullName, caller.Platform.ToDb(), caller.UserId);
            return CommandReply.Refuse($"/{command.FullName} carries an API secret: send it to me in a private chat.", "Nothing was saved. If the secret was seen here, change it in WHMCS.");
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, raw) in request.Arguments)
        {
            var option = command.Options.FirstOrDefault(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (option is null)
            {
                return CommandReply.Fail($"Unknown option '{name}'; /{command.FullName} takes {string.Join(", ", command.Options.Select(o => o.Name))}.", command.Usage);
            }

            var error = ParseValue(option, raw, out var value);
            if (error is not null)
            {
                return CommandReply.Fail($"{option.Name}: {error}", command.Usage);
            }

            if (value is not null)
            {
                values[option.Name] = value;
            }
        }

        var missing = command.Options.FirstOrDefault(o => o.Required && !values.ContainsKey(o.Name));
        if (missing is not null)
        {
            return CommandReply.Fail($"Missing {missing.Name}: {missing.Description.ToLowerInvariant()}.", command.Usage);
        }

        try
        {
            var context = new CommandContext(request, new CommandArguments(values), time.GetUtcNow().UtcDateTime, cancellationToken);
            var reply = await command.Handler(services, context);
            LogRan(logger, command.FullName, caller.Platform.ToDb(), caller.ChannelId, reply.Status);
            return reply;
        }
        catch (InputException ex)
        {
            return CommandReply.Fail(InputFields.Rewrite(ex, option => option));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, command.FullName, caller.Platform.ToDb());
            return CommandReply.Fail($"/{command.FullName} failed unexpectedly; the error was logged. Try again in a moment.");
        }
    }

    /// <summary>Parses one raw value (as typed, or a JSON scalar's text); returns the error text, or null when it is valid.</summary>
    public static string? ParseValue(CommandOption option, string raw, out object? value)
    {
        value = null;
        var text = raw.Trim();
        if (text.Length == 0)
        {
            return option.Required ? "must not be empty" : null;
        }

        switch (option.Type)
        {
            case CommandOptionType.Integer:
                if (!int.TryParse(text.TrimStart('#'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    return $"must be a whole number, not '{TextLimit.Clip(text, 30)}'";
                }

                if (number < option.MinValue)
                {
                    return $"must be {option.MinValue} or more";
                }

                if (number > option.MaxValue)
                {
                    return $"must be {option.MaxValue} or less";
                }

                value = number;
                return null;
            case CommandOptionType.Boolean:
                switch (text.ToLowerInvariant())
                {
                    case "true" or "yes" or "on" or "1":
                        value = true;
                        return null;
                    case "false" or "no" or "off" or "0":
                        value = false;
                        return null;
                    default:
                        return "must be true or false";
                }

            default:
                if (option.MaxLength is { } max && text.Length > max)
                {
                    return $"must be at most {max} characters";
                }

                value = text;
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "/{Command} from {Platform} chat {ChannelId}: {Status}")]
    private static partial void LogRan(ILogger logger, string command, string platform, string channelId, ReplyStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "/{Command} refused for {Platform} user {UserId}")]
    private static partial void LogRefused(ILogger logger, string command, string platform, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "/{Command} from {Platform} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string command, string platform);
}
