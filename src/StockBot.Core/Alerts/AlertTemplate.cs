using System.Collections.Concurrent;
using Fluid;
using StockBot.Core.Subscriptions;

namespace StockBot.Core.Alerts;

/// <summary>
/// A subscription's own alert text (`--template`), in Liquid (Fluid): checked and rendered once with sample values when
/// it is stored, rendered per alert as plain text (each platform escapes it, so a template cannot add markup).
/// </summary>
public static class AlertTemplate
{
    public const int MaxLength = 1000;

    /// <summary>The option's name in every front end (`--template`, `/subscribe template:`), and the field bad input names.</summary>
    public const string Flag = "template";

    /// <summary>The variables a template can use, in the order the help lists them.</summary>
    public static readonly IReadOnlyList<string> Variables =
        ["product", "website", "region", "kind", "quantity", "previous_quantity", "delta", "price", "buy_link", "time"];

    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    /// <summary>A sample alert: what `--template` is tried on before it is stored.</summary>
    public static Alert Sample { get; } = new(
        0, AlertKind.Restock, 1, "VPS Small 2GB", 101, "Main Site", "EU", 0, 5, 5, true, null,
        new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc), "https://billing.example.com/cart.php?a=add&pid=101", null)
    { Price = "$5.00/mo" };

    /// <summary>The template as stored (null when none was given); one that does not parse or render is bad input, with the parser's message.</summary>
    public static string? Check(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return null;
        }

        if (template.Length > MaxLength)
        {
            throw new InputException(Flag, $"at most {MaxLength} characters (got {template.Length})");
        }

        if (!Parser.TryParse(template, out var parsed, out var error))
        {
            throw new InputException(Flag, $"not a valid Liquid template: {OneLine(error)}");
        }

        string rendered;
        try
        {
            rendered = parsed.Render(Context(Sample));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
        {
            throw new InputException(Flag, $"cannot be rendered: {OneLine(ex.Message)}");
        }

        if (string.IsNullOrWhiteSpace(rendered))
        {
            throw new InputException(Flag, "renders as empty text; use variables such as {{ product }} and {{ quantity }}");
        }

        return template;
    }

    /// <summary>The alert as the template words it, plain text; null when the template cannot be used (the built-in text goes instead).</summary>
    public static string? Render(string template, Alert alert)
    {
        var parsed = Parsed.GetOrAdd(template, static t => Parser.TryParse(t, out var p, out _) ? p : null!);
        if (parsed is null)
        {
            Parsed.TryRemove(template, out _);
            return null;
        }

        try
        {
            var text = parsed.Render(Context(alert)).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The subscription kind an alert belongs to: `restock`, `soldout`, `purchase`, `threshold`, `error`, `new`.</summary>
    public static string KindName(AlertKind kind) => kind switch
    {
        AlertKind.Restock => EventKinds.Restock,
        AlertKind.SoldOut => EventKinds.SoldOut,
        AlertKind.Purchase => EventKinds.Purchase,
        AlertKind.ThresholdLow or AlertKind.ThresholdHigh => EventKinds.Threshold,
        AlertKind.NewProduct => EventKinds.New,
        _ => EventKinds.Error,
    };

    private static TemplateContext Context(Alert alert)
    {
        var context = new TemplateContext();
        context.SetValue("product", alert.Product);
        context.SetValue("website", alert.Website);
        context.SetValue("region", alert.Region ?? string.Empty);
        context.SetValue("kind", KindName(alert.Kind));
        context.SetValue("quantity", alert.ToQuantity);
        context.SetValue("previous_quantity", alert.FromQuantity is { } from ? from : alert.ToQuantity);
        context.SetValue("delta", alert.Delta);
        context.SetValue("price", alert.Price ?? string.Empty);
        context.SetValue("buy_link", alert.BuyLink);
        context.SetValue("time", AlertText.At(alert));
        return context;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
