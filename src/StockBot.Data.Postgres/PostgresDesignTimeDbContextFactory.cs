using Microsoft.EntityFrameworkCore.Design;

namespace StockBot.Data.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model here without a server (adding a migration connects to nothing).</summary>
public sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<StockBotDbContext>
{
    public StockBotDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StockBotDbContext>()
            .UseStockBotPostgres("Host=localhost;Database=stockbot_design_time")
            .Options;
        return new StockBotDbContext(options);
    }
}
