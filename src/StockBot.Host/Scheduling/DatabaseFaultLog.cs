using Microsoft.Extensions.Logging;
using StockBot.Data;

namespace StockBot.Host.Scheduling;

/// <summary>
/// The schedule's jobs and a broken database: one line when it turns bad, one when it takes writes again, and
/// nothing per cycle in between (the health check says it meanwhile), instead of a stack trace every few seconds.
/// </summary>
public sealed partial class DatabaseFaultLog(DatabaseHealth health, ILogger<DatabaseFaultLog> logger)
{
    /// <summary>True when <paramref name="exception"/> is a database fault, now recorded (and logged if it is news).</summary>
    public bool Handled(Exception exception)
    {
        if (health.Classify(exception) is not { } fault)
        {
            return false;
        }

        if (health.ReportFault(fault))
        {
            LogBroken(logger, fault.Message);
        }

        return true;
    }

    /// <summary>A job's writes went through: the end of a fault, if there was one.</summary>
    public void Written()
    {
        if (health.ReportWritten() is not null)
        {
            LogRecovered(logger, health.Shown);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Database: {Reason}; nothing is written until then (each cycle's writes roll back whole), and health reports it")]
    private static partial void LogBroken(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Database} takes writes again; monitoring goes on")]
    private static partial void LogRecovered(ILogger logger, string database);
}
