namespace OpsHelm.Api.Hosting.Scheduling;

/// <summary>The scheduler's log messages.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Job {Job} scheduled every {Interval}")]
    public static partial void TimerScheduled(ILogger logger, string job, TimeSpan interval);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Job {Job} failed; it runs again at its next interval")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string job);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Job {Job}: {Line}")]
    public static partial void JobReported(ILogger logger, string job, string line);
}
