namespace StockBot.Core;

/// <summary>One way to shorten text to a column size or a readable length.</summary>
public static class TextLimit
{
    public static string Clip(string text, int max) => text.Length <= max ? text : text[..Math.Max(0, max - 3)] + "...";
}
