using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StockBot.Testing;

/// <summary>Reads a database file as an operator's sqlite3 would, beside the code under test (no pooling, no EF).</summary>
public sealed class SqliteProbe(string databasePath)
{
    public string Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    public long Count(string table) => long.Parse(Scalar($"SELECT COUNT(*) FROM {table}"), CultureInfo.InvariantCulture);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        return connection;
    }
}
