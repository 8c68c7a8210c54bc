namespace StockBot.Discord.Protocol;

/// <summary>Op 6. The token is a secret: this record is sent, never logged.</summary>
public sealed record ResumeData(
    string Token,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? SessionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Seq)
{
    public override string ToString() => $"resume at {Seq}";
}
