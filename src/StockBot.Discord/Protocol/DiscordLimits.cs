namespace StockBot.Discord.Protocol;

/// <summary>Discord's documented size limits for what StockBot sends.</summary>
public static class DiscordLimits
{
    /// <summary>Requests per second across all routes, interaction answers aside.</summary>
    public const int GlobalRequestsPerSecond = 50;
    public const int ContentLimit = 2000;
    public const int TitleLimit = 256;
    public const int DescriptionLimit = 4096;
    public const int FieldValueLimit = 1024;
    public const int FieldNameLimit = 256;
    public const int FieldsPerEmbed = 25;

    /// <summary>All of a message's embed text together: titles, descriptions, field names and values, footers.</summary>
    public const int EmbedTotalLimit = 6000;
    public const int ButtonLabelLimit = 80;
    public const int ButtonUrlLimit = 512;
    public const int ButtonsPerRow = 5;
    public const int ActionRowsPerMessage = 5;
    public const int ChoiceNameLimit = 100;
    public const int ChoicesPerAutocomplete = 25;
    public const int CommandDescriptionLimit = 100;
    public const int StringOptionMaxLength = 6000;
    public const int ModalTitleLimit = 45;
    public const int TextInputLabelLimit = 45;
    public const int TextInputPlaceholderLimit = 100;
    public const int TextInputMaxLength = 4000;
    public const int TextInputsPerModal = 5;

    /// <summary>An interaction must be answered (callback) within 3 s of its creation, else Discord says 10062 Unknown interaction.</summary>
    public static readonly TimeSpan InteractionCallbackDeadline = TimeSpan.FromSeconds(3);

    /// <summary>The interaction token edits and follow-ups go with is valid for 15 minutes.</summary>
    public static readonly TimeSpan InteractionTokenLifetime = TimeSpan.FromMinutes(15);
}
