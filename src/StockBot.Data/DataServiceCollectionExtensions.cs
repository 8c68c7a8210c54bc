using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Data.Providers;

namespace StockBot.Data;

public static class DataServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=data/stockbot.db";

    public static IServiceCollection AddStockBotData(this IServiceCollection services, string connectionString) =>
        services.AddStockBotData(new SqliteDialect(connectionString));

    /// <summary>The context pool on <paramref name="dialect"/>'s engine, the dialect itself and the database's health.</summary>
    public static IServiceCollection AddStockBotData(this IServiceCollection services, DatabaseDialect dialect)
    {
        services.AddDbContextPool<StockBotDbContext>(options => dialect.Configure(options));
        services.AddSingleton(dialect);
        services.AddSingleton(new DatabaseHealth(dialect));
        return services;
    }

    /// <summary>Creates the database's folder: SQLite will not.</summary>
    public static string PrepareConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = DatabaseFilePath(connectionString);
        if (path is not null)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        return builder.ToString();
    }

    /// <summary>The database file, or null for an in-memory database.</summary>
    public static string? DatabaseFilePath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (string.IsNullOrWhiteSpace(source)
            || source.Equals(":memory:", StringComparison.OrdinalIgnoreCase)
            || builder.Mode == SqliteOpenMode.Memory)
        {
            return null;
        }

        return Path.GetFullPath(source);
    }
}
