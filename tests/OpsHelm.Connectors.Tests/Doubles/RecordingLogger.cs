using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpsHelm.Connectors.Tests.Doubles;

/// <summary>A logger that keeps each entry's event id, level, rendered text and structured values, for assertions on log lines.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue(new LogEntry(eventId.Id, logLevel, formatter(state, exception),
            state is IReadOnlyList<KeyValuePair<string, object?>> values ? values.ToDictionary(v => v.Key, v => v.Value?.ToString()) : []));
}

/// <summary>One log entry.</summary>
internal sealed record LogEntry(int EventId, LogLevel Level, string Text, IReadOnlyDictionary<string, string?> Values);
