using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Data;

public static class DataServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=data/stockbot.db";

    public static IServiceCollection AddStockBotData(this IServiceCollection services, string connectionString)
    {
        var prepared = PrepareConnectionString(connectionString);
        var pragmas = new SqlitePragmaInterceptor();
        services.AddDbContextPool<StockBotDbContext>(options => options.UseStockBotSqlite(prepared).AddInterceptors(pragmas));
        services.AddSingleton(new DatabaseHealth(connectionString));
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
