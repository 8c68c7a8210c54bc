using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace StockBot.Testing.Logging;

/// <summary>What the tests need on top of FakeLogCollector: a factory for a host that replaces its own, and lines to search for secrets.</summary>
public static class FakeLogs
{
    /// <summary>
    /// A logger factory that writes every level to <paramref name="logs"/>; registered last, it wins over
    /// the host's own (Serilog's ignores other providers).
    /// </summary>
    public static ILoggerFactory CreateLoggerFactory(this FakeLogCollector logs) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));

    /// <summary>"Level Category: message exception": everything a sink would have written, exception included.</summary>
    public static string Line(this FakeLogRecord record) =>
        $"{record.Level} {record.Category}: {record.Message}{(record.Exception is null ? string.Empty : " " + record.Exception)}";

    /// <summary>Every record, one <see cref="Line"/> each, oldest first.</summary>
    public static string Transcript(this FakeLogCollector logs) => string.Join('\n', logs.GetSnapshot().Select(Line));
}
