using StockBot.Core.Commands;

namespace StockBot.Discord.Interactions;

/// <summary>The form a secret-carrying command opens instead of running: one short text input per option; its submit names the command in custom_id.</summary>
public static class CommandModal
{
    public const string Prefix = "stockbot:";

    public static ModalData Build(CommandDefinition command)
    {
        var rows = new List<ActionRow<TextInput>>();
        foreach (var option in command.Options.Take(DiscordLimits.TextInputsPerModal))
        {
            var input = new TextInput(
                option.Name,
                DiscordText.Truncate(Label(option), DiscordLimits.TextInputLabelLimit),
                TextInputStyle.Short,
                option.Required,
                Math.Clamp(option.MaxLength ?? DiscordLimits.TextInputMaxLength, 1, DiscordLimits.TextInputMaxLength),
                option.Description.Length <= DiscordLimits.TextInputPlaceholderLimit ? option.Description : null);
            rows.Add(new ActionRow<TextInput>([input]));
        }

        return new ModalData(Prefix + command.FullName, DiscordText.Truncate($"/{command.FullName}", DiscordLimits.ModalTitleLimit), rows);
    }

    private static string Label(CommandOption option)
    {
        var words = option.Name.Replace('_', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
