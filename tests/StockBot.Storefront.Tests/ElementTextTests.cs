using AngleSharp.Dom;

namespace StockBot.Storefront.Tests;

/// <summary>The one-pass text helpers give what the Split/Join expressions they replace gave, on awkward whitespace.</summary>
public sealed class ElementTextTests
{
    private static readonly string[] Fragments =
    [
        "<p id=\"t\">  Plan   A  </p>",
        "<p id=\"t\">Plan<b>A</b> <i> B </i>\n\tC</p>",
        "<p id=\"t\">$5.00 USD<br />\n   Monthly</p>",
        "<p id=\"t\"><span>  </span><span>x</span><!-- c --> y\u00a0z\u2003w</p>",
        "<p id=\"t\"></p>",
        "<p id=\"t\"> <b> </b> </p>",
        "<div id=\"t\"><ul><li>1</li><li>2<span>3</span></li></ul>tail</div>",
    ];

    public static TheoryData<string> Cases => [.. Fragments];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Collapsed_AnyWhitespace_SameAsTextContentSplitAndJoined(string fragment)
    {
        using var document = PageParser.Parse($"<html><body>{fragment}</body></html>");
        var element = document.GetElementById("t")!;

        Assert.Equal(string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), ElementText.Collapsed(element));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Spaced_AnyWhitespace_SameAsEachTextNodeSplitAndAllJoined(string fragment)
    {
        using var document = PageParser.Parse($"<html><body>{fragment}</body></html>");
        var element = document.GetElementById("t")!;
        var expected = string.Join(' ', element.Descendants<IText>().SelectMany(t => t.Data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

        Assert.Equal(expected, ElementText.Spaced(element));
    }

    [Fact]
    public void Spaced_WordsInTwoTextNodes_KeptApartWhereCollapsedRunsThemOn()
    {
        using var document = PageParser.Parse("<html><body><p id=\"t\">Plan<b>A</b></p></body></html>");
        var element = document.GetElementById("t")!;

        Assert.Equal(("PlanA", "Plan A"), (ElementText.Collapsed(element), ElementText.Spaced(element)));
    }
}
