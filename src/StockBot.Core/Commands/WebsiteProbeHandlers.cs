using StockBot.Core.Websites;

namespace StockBot.Core.Commands;

/// <summary>`/website test` and `/website products`: the handlers that read a WHMCS site (definitions: <see cref="WebsiteHandlers"/>).</summary>
public sealed class WebsiteProbeHandlers(WebsiteProbe probe)
{
    internal async Task<CommandReply> TestAsync(CommandContext c)
    {
        var result = await probe.ProbeAsync(c.Arguments.RequiredInt("website"), c.CancellationToken);
        return result.Success
            ? CommandReply.Ok($"{result.Website} works", [result.Message])
            : CommandReply.Fail($"{result.Website} cannot be read", null) with { Lines = [result.Message] };
    }

    internal async Task<CommandReply> ProductsAsync(CommandContext c)
    {
        var result = await probe.ProbeAsync(c.Arguments.RequiredInt("website"), c.CancellationToken);
        if (result.Products.Count == 0 && result.FailureKind is not null)
        {
            return CommandReply.Fail($"{result.Website} cannot be read") with { Lines = [result.Message] };
        }

        return CommandReply.Ok($"{result.Products.Count} product(s) on {result.Website}", result.Products.Select(p =>
            $"pid {p.Pid}: {p.Name}: {(!p.StockControl ? "no stock limit" : p.Quantity == 0 ? "out of stock" : $"{p.Quantity} in stock")}{(p.MonitorId is { } id ? $" (monitor #{id})" : string.Empty)}").ToList());
    }
}
