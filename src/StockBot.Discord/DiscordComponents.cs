using System.Text.Json.Nodes;
using StockBot.Discord.Protocol;

namespace StockBot.Discord;

/// <summary>The message parts alerts and replies share: link buttons in action rows, and mentions switched off.</summary>
public static class DiscordComponents
{
    public static JsonObject LinkButton(string label, string url) => new()
    {
        ["type"] = (int)ComponentType.Button,
        ["style"] = (int)ButtonStyle.Link,
        ["label"] = DiscordText.Truncate(label, DiscordLimits.ButtonLabelLimit),
        ["url"] = url,
    };

    public static JsonObject ActionRow(JsonArray components) => new()
    {
        ["type"] = (int)ComponentType.ActionRow,
        ["components"] = components,
    };

    /// <summary>`{"parse": []}`: nothing in the message pings anyone.</summary>
    public static JsonObject NoMentions() => new() { ["parse"] = new JsonArray() };
}
