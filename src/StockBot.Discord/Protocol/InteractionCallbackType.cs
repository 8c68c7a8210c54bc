namespace StockBot.Discord.Protocol;

public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,

    /// <summary>"Thinking…"; the reply is edited into @original later (within 15 minutes).</summary>
    DeferredChannelMessageWithSource = 5,
    ApplicationCommandAutocompleteResult = 8,
    Modal = 9,
}
