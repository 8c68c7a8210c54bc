using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace StockBot.Data.Providers;

/// <summary>SQLite (the default): one file, WAL, pragmas per native connection, faults by SQLite's result codes.</summary>
public sealed class SqliteDialect(string connectionString) : DatabaseDialect(connectionString)
{
    private const int NoSuchTable = 1;

    private readonly SqlitePragmaInterceptor pragmas = new();

    public override bool SharedByInstances => false;

    public override int ConcurrentWriters => 1;

    public override string Name => SqliteName;

    public override string Shown => DatabaseFaults.Shown(ConnectionString);

    public override string? FilePath => DataServiceCollectionExtensions.DatabaseFilePath(ConnectionString);

    // WAL lets the running bot and a CLI command read and write the same file at once. The mode is
    // stored in the file, so setting it when the schema is created or upgraded is enough.
    public override IReadOnlyList<string> AfterMigrationStatements { get; } = ["PRAGMA journal_mode=WAL;"];

    public override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) =>
        options.UseStockBotSqlite(DataServiceCollectionExtensions.PrepareConnectionString(ConnectionString)).AddInterceptors(pragmas);

    // The ids arrive as one JSON array.
    public override string IdIn(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public override object IdList(IReadOnlyCollection<int> ids) => "[" + string.Join(',', ids) + "]";

    public override DatabaseFault? Classify(Exception exception) => DatabaseFaults.Classify(exception, Shown);

    public override void ClearPools() => SqliteConnection.ClearAllPools();

    public override bool IsMissingTable(DbException exception) => exception is SqliteException { SqliteErrorCode: NoSuchTable };
}
