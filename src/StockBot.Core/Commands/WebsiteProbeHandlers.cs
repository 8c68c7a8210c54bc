using StockBot.Core.Websites;

namespace StockBot.Core.Commands;

/// <summary>`/website test` and `/website products`: the handlers that read a WHMCS site in its mode (definitions: <see cref="WebsiteHandlers"/>).</summary>
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
            $"pid {p.ProductId}: {p.Name}: {Stock(p)}{(p.Price is { } price ? $", {price}" : string.Empty)}{(p.MonitorId is { } id ? $" (monitor #{id})" : string.Empty)}").ToList());
    }

    /// <summary>"3 in stock", "out of stock", "in stock" (no count shown, or no stock limit), "unknown".</summary>
    public static string Stock(ProbedProduct product) => product switch
    {
        { Available: null } => "stock unknown",
        { Available: false } => "out of stock",
        { Quantity: { } quantity } => $"{quantity} in stock",
        _ => "in stock",
    };
}
