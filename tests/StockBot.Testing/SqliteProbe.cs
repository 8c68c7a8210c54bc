using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StockBot.Testing;

/// <summary>Reads a database file as an operator's sqlite3 would, beside the code under test (no pooling, no EF).</summary>
public sealed class SqliteProbe(string databasePath)
{
    /// <summary>The first column of the first row as invariant text; empty when there is no row or it is NULL.</summary>
    public string Scalar(string sql) => Convert.ToString(Read(sql), CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>The first column of the first row when it is text; null when there is no row, it is NULL, or not text.</summary>
    public string? Text(string sql) => Read(sql) as string;

    /// <summary>The first column of the first row as a number; 0 when there is no row.</summary>
    public long Int64(string sql) => Convert.ToInt64(Read(sql), CultureInfo.InvariantCulture);

    /// <summary>Rows of <paramref name="tableAndWhere"/>: a table, optionally followed by a WHERE clause.</summary>
    public long Count(string tableAndWhere) => Int64($"SELECT COUNT(*) FROM {tableAndWhere}");

    private object? Read(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
