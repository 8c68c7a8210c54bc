using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using StockBot.Core.Monitoring;
using StockBot.Data.Providers;

namespace StockBot.Core.Tests.Monitoring;

/// <summary>
/// The engine's hot path writes SQL by hand, beside EF Core: every table and column it names must be one the EF
/// model maps, so renaming a column in the model without the SQL (or the SQL without the model) fails here.
/// </summary>
public sealed partial class MonitoringStoreSqlTests : IDisposable
{
    // SQL words, functions and json_each's own column: everything in these statements that is not a table, alias or column.
    private static readonly HashSet<string> NotColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "from", "join", "left", "on", "where", "and", "or", "not", "in", "order", "by", "desc", "asc", "limit", "insert", "into",
        "values", "returning", "update", "set", "conflict", "do", "nothing", "is", "case", "when", "then", "else", "end", "null", "coalesce", "json_each", "value", "any",
    };

    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    // Both engines' forms of every statement: the same columns, whatever the dialect says differently.
    public static TheoryData<string, int> StatementIndexes
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var provider in new[] { DatabaseDialect.SqliteName, DatabaseDialect.PostgresName })
            {
                foreach (var index in Enumerable.Range(0, Statements(provider).Count))
                {
                    data.Add(provider, index);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(StatementIndexes))]
    public void Statement_EveryTableAndColumn_IsMappedByTheModel(string provider, int index)
    {
        var sql = Statements(provider)[index];
        var model = Tables();

        var columns = ColumnsOf(sql);

        Assert.NotEmpty(columns);
        foreach (var (table, column) in columns)
        {
            Assert.True(model.TryGetValue(table, out var mapped), $"`{table}` is not a table of the model:\n{sql}");
            Assert.True(mapped.Contains(column), $"`{table}.{column}` is not a column of the model:\n{sql}");
        }
    }

    [Fact]
    public void ColumnsOf_RenamedColumn_IsReported()
    {
        var model = Tables();

        var columns = ColumnsOf(MonitoringStore.Statements(Dialect(DatabaseDialect.SqliteName))[1].Replace("threshold_type", "threshold_kind", StringComparison.Ordinal));

        Assert.Contains(("stock_records", "threshold_kind"), columns);
        Assert.DoesNotContain("threshold_kind", model["stock_records"]);
    }

    [Fact]
    public void Statements_IdList_IsTheDialectsForm()
    {
        Assert.Contains(MonitoringStore.Statements(Dialect(DatabaseDialect.SqliteName)), s => s.Contains("json_each(@ids)", StringComparison.Ordinal));
        Assert.Contains(MonitoringStore.Statements(Dialect(DatabaseDialect.PostgresName)), s => s.Contains("id = ANY(@ids)", StringComparison.Ordinal));
        Assert.DoesNotContain(MonitoringStore.Statements(Dialect(DatabaseDialect.PostgresName)), s => s.Contains("json_each", StringComparison.Ordinal) || s.Contains('$'));
    }

    // The engine's statements, and the lease claim each cycle runs beside them.
    private static IReadOnlyList<string> Statements(string provider) => [.. MonitoringStore.Statements(Dialect(provider)), WebsiteLeases.Statement];

    private static DatabaseDialect Dialect(string provider) => DatabaseDialect.For(provider, provider == DatabaseDialect.SqliteName ? "Data Source=:memory:" : "Host=localhost;Database=x")!;

    private Dictionary<string, HashSet<string>> Tables()
    {
        using var db = database.NewContext();
        return db.Model.GetEntityTypes().ToDictionary(
            e => e.GetTableName()!,
            e =>
            {
                var table = StoreObjectIdentifier.Table(e.GetTableName()!, e.GetSchema());
                return e.GetProperties().Select(p => p.GetColumnName(table)!).ToHashSet(StringComparer.Ordinal);
            },
            StringComparer.Ordinal);
    }

    /// <summary>(table, column) for every column named in the statement, aliases resolved; a bare name belongs to the one table written.</summary>
    private static List<(string Table, string Column)> ColumnsOf(string sql)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        string? written = null;
        foreach (Match m in TableReference().Matches(sql))
        {
            var table = m.Groups["table"].Value;
            aliases[table] = table;
            if (m.Groups["alias"].Success && !NotColumns.Contains(m.Groups["alias"].Value))
            {
                aliases[m.Groups["alias"].Value] = table;
            }

            if (m.Groups["verb"].Value is "INTO" or "UPDATE")
            {
                written = table;
            }
        }

        // An upsert's `excluded` row is the written table's.
        if (written is not null)
        {
            aliases["excluded"] = written;
        }

        var columns = new List<(string, string)>();
        foreach (Match m in Identifier().Matches(sql))
        {
            if (m.Groups["qualifier"].Success)
            {
                columns.Add((aliases.GetValueOrDefault(m.Groups["qualifier"].Value, m.Groups["qualifier"].Value), m.Groups["name"].Value));
            }
            else if (!NotColumns.Contains(m.Groups["name"].Value) && !aliases.ContainsKey(m.Groups["name"].Value))
            {
                Assert.True(written is not null, $"`{m.Groups["name"].Value}` has no table:\n{sql}");
                columns.Add((written!, m.Groups["name"].Value));
            }
        }

        return columns;
    }

    // FROM/JOIN/INTO/UPDATE name [alias]; a name followed by "(" is a function (json_each), not a table.
    [GeneratedRegex(@"\b(?<verb>FROM|JOIN|INTO|UPDATE)\s+(?<table>[a-z_]+)\b(?!\()(?:\s+(?<alias>[a-z_]+)\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex TableReference();

    // Identifiers outside parameters (@name) and string literals, optionally alias-qualified.
    [GeneratedRegex(@"(?<![@$\w.])(?:(?<qualifier>[A-Za-z_]+)\.)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
