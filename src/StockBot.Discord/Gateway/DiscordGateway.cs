using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Common;
using StockBot.Discord.Rest;

namespace StockBot.Discord.Gateway;

/// <summary>
/// Discord's gateway (v10, JSON): connects, runs one <see cref="GatewayConnection"/> after another
/// as <see cref="GatewaySession"/> decides (resume or identify, after a backoff), until shutdown or
/// a fatal close (4004, 4010-4014), which stops the bot with one clear error line.
/// </summary>
public sealed partial class DiscordGateway(DiscordRestClient rest, IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordGateway> logger)
{
    private readonly DiscordOptions settings = options.Value;
    private readonly GatewaySession session = new(
        new ExponentialBackoff(options.Value.ReconnectDelay, options.Value.MaxReconnectDelay),
        options.Value.InvalidSessionDelay);

    private int connections;

    public GatewayStatus Status { get; private set; } = GatewayStatus.Stopped;

    public string? SessionId => session.SessionId;

    public string? ApplicationId => session.ApplicationId;

    public string? FatalError { get; private set; }

    /// <summary>Good connections so far (READY or RESUMED), for tests and health.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or a fatal close; each dispatch goes to <paramref name="onDispatch"/> on its own task.</summary>
    public async Task RunAsync(Func<GatewayDispatch, Task> onDispatch, CancellationToken cancellationToken)
    {
        var resume = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            Status = GatewayStatus.Connecting;
            ConnectionOutcome outcome;
            try
            {
                if (!resume || !session.CanResume)
                {
                    resume = false;
                    session.Forget();
                }

                var url = resume ? session.ResumeUrl! : await GatewayUrlAsync(cancellationToken);
                using var socket = await GatewaySocket.ConnectAsync(url, settings.RequestTimeout, cancellationToken);
                var connection = new GatewayConnection(socket, session, settings.Token!, time, logger, MarkReady, onDispatch);
                outcome = await connection.RunAsync(resume, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (FatalGatewayException fatal)
            {
                outcome = new ConnectionOutcome(OutcomeKind.Fatal, false, fatal.Message);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or JsonException or TimeoutException or GatewayUnavailableException)
            {
                LogConnectionFailed(logger, ex.Message);
                outcome = new ConnectionOutcome(OutcomeKind.Resume, false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (outcome.Kind == OutcomeKind.Fatal)
            {
                Status = GatewayStatus.Failed;
                FatalError = outcome.Reason;
                LogFatal(logger, outcome.Reason ?? "fatal gateway error");
                return;
            }

            var plan = session.After(outcome);
            resume = plan.Resume;
            LogReconnecting(logger, resume ? "resume" : "identify", plan.Delay);
            try
            {
                await Task.Delay(plan.Delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Status = GatewayStatus.Stopped;
    }

    private void MarkReady()
    {
        Status = GatewayStatus.Ready;
        Interlocked.Increment(ref connections);
    }

    private async Task<Uri> GatewayUrlAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(settings.GatewayUrl))
        {
            return new Uri(settings.GatewayUrl);
        }

        var response = await rest.SendAsync(DiscordRoute.GatewayBot(), null, cancellationToken);
        if (response.StatusCode == (int)HttpStatusCode.Unauthorized)
        {
            throw new FatalGatewayException("Discord rejected the bot token (401 on GET /gateway/bot): check Discord:Token");
        }

        if (!response.IsSuccess)
        {
            throw new GatewayUnavailableException($"GET /gateway/bot failed: {response.Describe()}");
        }

        var url = response.Read(DiscordJsonContext.Default.GatewayBotInfo)?.Url;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new GatewayUnavailableException("GET /gateway/bot gave no usable url");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection failed: {Error}")]
    private static partial void LogConnectionFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway reconnecting ({Mode}) in {Delay}")]
    private static partial void LogReconnecting(ILogger logger, string mode, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord bot stopped: {Reason}. The rest of StockBot keeps running.")]
    private static partial void LogFatal(ILogger logger, string reason);
}
