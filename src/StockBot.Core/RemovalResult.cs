namespace StockBot.Core;

public sealed record RemovalResult(int Id, string Name, int MonitorsRemoved, int StockRecordsRemoved, int EventsRemoved);
