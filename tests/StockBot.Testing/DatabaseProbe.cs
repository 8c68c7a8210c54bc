using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace StockBot.Testing;

/// <summary>
/// Reads the database as an operator's sqlite3 or psql would, beside the code under test (no pooling, no EF), on
/// either engine. SQL is written once for both: what SQLite and PostgreSQL both understand.
/// </summary>
public sealed class DatabaseProbe(TestProvider provider, string connectionString)
{
    /// <summary>The first column of the first row as invariant text; empty when there is no row or it is NULL.</summary>
    public string Scalar(string sql) => Read(sql) switch
    {
        // SQLite keeps flags as 0/1; PostgreSQL's booleans read the same way here.
        bool flag => flag ? "1" : "0",
        var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>The first column of the first row when it is text; null when there is no row, it is NULL, or not text.</summary>
    public string? Text(string sql) => Read(sql) as string;

    /// <summary>The first column of the first row as a number; 0 when there is no row.</summary>
    public long Int64(string sql) => Read(sql) switch
    {
        bool flag => flag ? 1 : 0,
        var value => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Rows of <paramref name="tableAndWhere"/>: a table, optionally followed by a WHERE clause.</summary>
    public long Count(string tableAndWhere) => Int64($"SELECT COUNT(*) FROM {tableAndWhere}");

    /// <summary>
    /// Every row of <paramref name="sql"/>, each as its columns' invariant text joined by commas (NULL as "-", flags as
    /// 0/1, times round-trip): what both engines return for a plain SELECT, with no text functions of either.
    /// </summary>
    public IReadOnlyList<string> Rows(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        var columns = new string[reader.FieldCount];
        while (reader.Read())
        {
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = Invariant(reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            rows.Add(string.Join(',', columns));
        }

        return rows;
    }

    private static string Invariant(object? value) => value switch
    {
        null => "-",
        bool flag => flag ? "1" : "0",
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private object? Read(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private DbConnection Open()
    {
        DbConnection connection = provider == TestProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString())
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
