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
/// a fatal close (4004, 4010-4014), which stops the bot with one clear error line. A resume whose
/// connection fails falls back to GET /gateway/bot and a new Identify; every Identify asks
/// /gateway/bot first and waits as <see cref="IdentifyGate"/> says (session_start_limit, backoff).
/// </summary>
public sealed partial class DiscordGateway(DiscordRestClient rest, IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordGateway> logger)
{
    private readonly DiscordOptions settings = options.Value;
    private readonly GatewaySession session = new(
        new ExponentialBackoff(options.Value.ReconnectDelay, options.Value.MaxReconnectDelay),
        options.Value.InvalidSessionDelay);

    private readonly IdentifyGate identifyGate = new(
        new ExponentialBackoff(options.Value.IdentifyBackoff, options.Value.MaxIdentifyBackoff),
        options.Value.StableSessionAfter);

    private int connections;
    private bool limitWarned;

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
            var connected = false;
            try
            {
                if (!resume || !session.CanResume)
                {
                    resume = false;
                    session.Forget();
                }

                var url = resume ? session.ResumeUrl! : await PrepareIdentifyAsync(cancellationToken);
                using var socket = await GatewaySocket.ConnectAsync(url, settings.RequestTimeout, cancellationToken);
                connected = true;
                if (!resume)
                {
                    identifyGate.OnIdentify(time.GetUtcNow());
                }

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
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or JsonException or TimeoutException or OperationCanceledException or GatewayUnavailableException)
            {
                LogConnectionFailed(logger, ex.Message);
                if (resume && !connected)
                {
                    // resume_gateway_url did not take the connection: the session is as good as gone.
                    logger.LogWarning("Connecting to the Discord resume URL failed: starting a new session (GET /gateway/bot, Identify)");
                    outcome = new ConnectionOutcome(OutcomeKind.NewSession, false, "resume connection failed");
                }
                else
                {
                    outcome = new ConnectionOutcome(OutcomeKind.Resume, false);
                }
            }

            identifyGate.OnConnectionEnded(time.GetUtcNow());
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (outcome.Kind == OutcomeKind.Fatal)
            {
                Status = GatewayStatus.Failed;
                FatalError = outcome.Reason;
                logger.LogError("Discord bot stopped: {Reason}. The rest of StockBot keeps running.", outcome.Reason ?? "fatal gateway error");
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

    private void MarkReady(bool newSession)
    {
        if (newSession)
        {
            identifyGate.OnSessionReady(time.GetUtcNow());
        }

        Status = GatewayStatus.Ready;
        Interlocked.Increment(ref connections);
    }

    /// <summary>Before an Identify: GET /gateway/bot (its url unless Discord:GatewayUrl overrides it, and session_start_limit), then the wait it and the identify backoff ask for.</summary>
    private async Task<Uri> PrepareIdentifyAsync(CancellationToken cancellationToken)
    {
        var overridden = string.IsNullOrWhiteSpace(settings.GatewayUrl) ? null : new Uri(settings.GatewayUrl);
        GatewayBotInfo? info = null;
        var response = await rest.SendAsync(DiscordRoute.GatewayBot(), null, cancellationToken);
        if (response.StatusCode == (int)HttpStatusCode.Unauthorized)
        {
            throw new FatalGatewayException("Discord rejected the bot token (401 on GET /gateway/bot): check Discord:Token");
        }

        if (response.IsSuccess)
        {
            info = response.Read(DiscordJsonContext.Default.GatewayBotInfo);
        }
        else if (overridden is null)
        {
            throw new GatewayUnavailableException($"GET /gateway/bot failed: {response.Describe()}");
        }

        var wait = identifyGate.WaitBefore(time.GetUtcNow(), info?.SessionStartLimit, out var exhausted);
        if (exhausted && !limitWarned)
        {
            limitWarned = true;
            logger.LogWarning("Discord's session start limit ({Total} a day) is used up: waiting {Wait} before identifying", info!.SessionStartLimit!.Total, wait);
        }
        else if (!exhausted)
        {
            limitWarned = false;
        }

        if (wait > TimeSpan.Zero)
        {
            LogIdentifyWait(logger, wait, identifyGate.UnstableIdentifies);
            await Task.Delay(wait, time, cancellationToken);
        }

        if (overridden is not null)
        {
            return overridden;
        }

        return Uri.TryCreate(info?.Url, UriKind.Absolute, out var uri) ? uri : throw new GatewayUnavailableException("GET /gateway/bot gave no usable url");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection failed: {Error}")]
    private static partial void LogConnectionFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting {Wait} before a new Discord session ({Count} in a row without a stable one)")]
    private static partial void LogIdentifyWait(ILogger logger, TimeSpan wait, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway reconnecting ({Mode}) in {Delay}")]
    private static partial void LogReconnecting(ILogger logger, string mode, TimeSpan delay);
}
