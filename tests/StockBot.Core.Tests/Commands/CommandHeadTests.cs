using StockBot.Core.Commands;

namespace StockBot.Core.Tests.Commands;

/// <summary>The one reading of a text command's head that the Telegram handler and the parser share.</summary>
public sealed class CommandHeadTests
{
    private static readonly CommandCatalog Catalog = new();

    [Fact]
    public void Parse_Start_IsHelp()
    {
        var head = CommandHead.Parse("/start");

        Assert.Equal(new CommandHead("help", null, null), head);
        Assert.Equal("help", CommandTextParser.Parse(head!, "/start", Catalog, "ThisBot").Command!.FullName);
    }

    [Fact]
    public void Parse_CommandForThisBot_IsOursWithItsSubcommand()
    {
        var head = CommandHead.Parse("/Monitor@ThisBot pause 3");

        Assert.Equal(new CommandHead("monitor", "ThisBot", "pause"), head);
        Assert.False(head!.IsForAnotherBot("thisbot"));
        Assert.False(head.IsForAnotherBot("@ThisBot"));
        var parsed = CommandTextParser.Parse(head, "/Monitor@ThisBot pause 3", Catalog, "ThisBot");
        Assert.Equal(("monitor pause", "3"), (parsed.Command!.FullName, parsed.Arguments["monitor"]));
    }

    [Fact]
    public void Parse_CommandForAnotherBot_IsNotOurs()
    {
        var head = CommandHead.Parse("/status@OtherBot 3");

        Assert.Equal("OtherBot", head!.Addressee);
        Assert.True(head.IsForAnotherBot("ThisBot"));
        Assert.True(head.IsForAnotherBot(null));
        Assert.Same(CommandParseResult.NotACommand, CommandTextParser.Parse(head, "/status@OtherBot 3", Catalog, "ThisBot"));
    }

    [Theory]
    [InlineData("hello /status")]
    [InlineData(" /status")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_PlainText_IsNoCommand(string? text)
    {
        Assert.Null(CommandHead.Parse(text));
        Assert.Same(CommandParseResult.NotACommand, CommandTextParser.Parse(text ?? string.Empty, Catalog, "ThisBot"));
    }
}
