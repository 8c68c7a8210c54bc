using Microsoft.EntityFrameworkCore.Design;

namespace StockBot.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StockBotDbContext>
{
    public StockBotDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StockBotDbContext>()
            .UseStockBotSqlite("Data Source=design-time.db")
            .Options;
        return new StockBotDbContext(options);
    }
}
