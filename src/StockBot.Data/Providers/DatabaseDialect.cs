using System.Data.Common;

namespace StockBot.Data.Providers;

/// <summary>
/// Everything that differs between the database engines StockBot runs on, in one class per engine: how a context
/// reaches it, the hot path's id-list form, the statements after a migration, how a fault reads, how its pools reset.
/// Everything else (the model, the hot SQL's text, the services) is the same on both.
/// </summary>
public abstract class DatabaseDialect(string connectionString)
{
    /// <summary>The setting that chooses the engine.</summary>
    public const string ProviderKey = "Database:Provider";

    public const string SqliteName = "sqlite";

    public const string PostgresName = "postgres";

    /// <summary>The values <see cref="ProviderKey"/> allows, as the configuration error names them.</summary>
    public const string Allowed = "sqlite (the default) or postgres";

    /// <summary>The connection string as configured.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>The provider's name as <see cref="ProviderKey"/> spells it.</summary>
    public abstract string Name { get; }

    /// <summary>Whether several instances may share the database (DESIGN: Several instances); a SQLite file is one instance's.</summary>
    public abstract bool SharedByInstances { get; }

    /// <summary>How many websites' write transactions a cycle runs at once: SQLite has one writer, a server many.</summary>
    public abstract int ConcurrentWriters { get; }

    /// <summary>The database as messages name it (a file, or host:port/database; never a password).</summary>
    public abstract string Shown { get; }

    /// <summary>The database's file; null when there is none (in-memory, or a database server).</summary>
    public abstract string? FilePath { get; }

    /// <summary>Statements run after migrations were applied (SQLite's journal mode lives in the file).</summary>
    public abstract IReadOnlyList<string> AfterMigrationStatements { get; }

    /// <summary>Points the options at this engine, with the snake_case names the migrations were built with.</summary>
    public abstract DbContextOptionsBuilder Configure(DbContextOptionsBuilder options);

    /// <summary>A condition "column is one of the ids in the parameter" that stays one prepared statement whatever the count.</summary>
    public abstract string IdIn(string column, string parameter);

    /// <summary>The value of an <see cref="IdIn"/> parameter.</summary>
    public abstract object IdList(IReadOnlyCollection<int> ids);

    /// <summary>The fault behind <paramref name="exception"/> (or one it wraps), or null when it is not a database fault.</summary>
    public abstract DatabaseFault? Classify(Exception exception);

    /// <summary>Drops pooled connections (opened read-only, or to a server that restarted): the next open starts afresh.</summary>
    public abstract void ClearPools();

    /// <summary>True when the exception says the schema is not there (a table missing).</summary>
    public abstract bool IsMissingTable(DbException exception);

    /// <summary>
    /// The dialect for <paramref name="provider"/>; null when the value is not one <see cref="ProviderKey"/> allows
    /// (the configuration check names it; see <see cref="IsKnown"/>).
    /// </summary>
    public static DatabaseDialect? For(string? provider, string? connectionString) => Normalize(provider) switch
    {
        SqliteName => new SqliteDialect(string.IsNullOrWhiteSpace(connectionString) ? DataServiceCollectionExtensions.DefaultConnectionString : connectionString),
        PostgresName => new PostgresDialect(connectionString ?? string.Empty),
        _ => null,
    };

    public static bool IsKnown(string? provider) => Normalize(provider) is SqliteName or PostgresName;

    private static string? Normalize(string? provider) => string.IsNullOrWhiteSpace(provider)
        ? SqliteName
        : provider.Trim().ToLowerInvariant() switch
        {
            "postgresql" => PostgresName,
            var name => name,
        };
}
