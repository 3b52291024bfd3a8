namespace OpsHelm.Functions.Hosting.Scheduling;

/// <summary>The scheduler's log messages.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Timer {Function} scheduled ({Schedule}, UTC)")]
    public static partial void TimerScheduled(ILogger logger, string function, string schedule);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Timer {Function} failed; it runs again at its next occurrence")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string function);
}
