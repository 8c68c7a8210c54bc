namespace StockBot.Discord.Protocol;

/// <summary>Discord's documented size limits for what StockBot sends.</summary>
public static class DiscordLimits
{
    /// <summary>Requests per second across all routes, interaction answers aside.</summary>
    public const int GlobalRequestsPerSecond = 50;
    public const int TitleLimit = 256;
    public const int DescriptionLimit = 4096;
    public const int FieldValueLimit = 1024;
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
}
