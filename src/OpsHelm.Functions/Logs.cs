namespace OpsHelm.Functions;

/// <summary>The Functions app's own log messages.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Poll of {WorkspaceId}: run {RunId} (started: {Started})")]
    public static partial void PollStarted(ILogger logger, string workspaceId, string runId, bool started);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Job {Job}: {Line}")]
    public static partial void JobReported(ILogger logger, string job, string line);
}
