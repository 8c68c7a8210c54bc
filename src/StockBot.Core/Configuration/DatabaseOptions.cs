namespace StockBot.Core.Configuration;

/// <summary>The Database section: which engine ConnectionStrings:StockBot names.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>sqlite (default) or postgres; see <see cref="Data.Providers.DatabaseDialect"/>.</summary>
    public string? Provider { get; set; }
}
