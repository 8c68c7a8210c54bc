using Npgsql;
using StockBot.Data.Providers;

namespace StockBot.Core.Tests.Data;

public sealed class PostgresDialectTests
{
    [Fact]
    public void WithPreparedStatements_NotConfigured_PreparesAfterTheSecondUse()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresDialect.WithPreparedStatements("Host=db;Database=stockbot;Username=bot;Password=secret"));

        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("secret", tuned.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;MaxAutoPrepare=0")]
    public void WithPreparedStatements_OperatorsOwnSetting_IsKept(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresDialect.WithPreparedStatements(connectionString));

        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
