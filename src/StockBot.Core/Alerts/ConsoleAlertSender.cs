namespace StockBot.Core.Alerts;

/// <summary>The `console` platform: alerts printed as they would read in chat (`stockbot demo`, debugging).</summary>
public sealed class ConsoleAlertSender(TextWriter output) : IAlertSender
{
    private readonly Lock gate = new();

    public Platform Platform => Platform.Console;

    public Task<AlertSendResult> SendAsync(Alert alert, AlertTarget target, CancellationToken cancellationToken)
    {
        var mention = string.IsNullOrEmpty(target.Mention) ? string.Empty : target.Mention + " ";
        lock (gate)
        {
            var text = target.Template is { } template && AlertTemplate.Render(template, alert) is { } own ? own : AlertText.PlainText(alert);
            output.WriteLine($"[{target.ChannelId}] {mention}{text}");
            output.Flush();
        }

        return Task.FromResult(AlertSendResult.Sent());
    }

    public bool SendsDigests => true;

    public Task<AlertSendResult> SendDigestAsync(Digest digest, AlertTarget target, CancellationToken cancellationToken)
    {
        var mention = string.IsNullOrEmpty(target.Mention) ? string.Empty : target.Mention + " ";
        lock (gate)
        {
            output.WriteLine($"[{target.ChannelId}] {mention}{digest.Title}");
            foreach (var alert in digest.Alerts)
            {
                output.WriteLine($"  {Digest.Line(alert)} Buy: {alert.BuyLink}");
            }

            output.Flush();
        }

        return Task.FromResult(AlertSendResult.Sent());
    }
}
