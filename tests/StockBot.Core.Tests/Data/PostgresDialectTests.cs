using Npgsql;
using StockBot.Data.Providers;

namespace StockBot.Core.Tests.Data;

public sealed class PostgresDialectTests
{
    [Fact]
    public void Tuned_NotConfigured_PreparesAfterTheSecondUseAndKeepsConnectionsAsTheyAre()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresDialect.Tuned("Host=db;Database=stockbot;Username=bot;Password=secret"));

        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("secret", tuned.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;MaxAutoPrepare=0;NoResetOnClose=false")]
    [InlineData("Host=db;maxautoprepare=0;noresetonclose=false")]
    public void Tuned_OperatorsOwnSettings_AreKept(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresDialect.Tuned(connectionString));

        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.False(tuned.NoResetOnClose);
    }

    [Fact]
    public void Tuned_OwnMinimumUses_IsKept()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresDialect.Tuned("Host=db;Auto Prepare Min Usages=7"));

        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.Equal(7, tuned.AutoPrepareMinUsages);
    }
}
