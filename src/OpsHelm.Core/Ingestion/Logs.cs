using Microsoft.Extensions.Logging;

namespace OpsHelm.Core.Ingestion;

/// <summary>The run steps' structured log messages. Never message bodies, never secrets.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Run {RunId} of workspace {WorkspaceId} started ({Trigger})")]
    public static partial void RunStarted(ILogger logger, string runId, string workspaceId, string trigger);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Run {RunId} of workspace {WorkspaceId} pulled a page of {Items} items (source exhausted: {Exhausted})")]
    public static partial void PagePulled(ILogger logger, string runId, string workspaceId, int items, bool exhausted);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Run {RunId} of workspace {WorkspaceId} {Status}: fetched {Fetched}, new {New}, already recorded {AlreadyRecorded}, exceptions {Exceptions}, coverage {Coverage}% in {DurationMs} ms")]
    public static partial void RunFinalized(ILogger logger, string runId, string workspaceId, string status, int fetched, int @new, int alreadyRecorded, int exceptions, double coverage, long durationMs);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Item {ResultId} of run {RunId} failed (attempt {Attempt}); retried in {Delay}")]
    public static partial void ItemRetried(ILogger logger, Exception exception, string resultId, string runId, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Item {ResultId} of run {RunId} failed {Attempts} times; recorded as ProcessingFailed")]
    public static partial void ItemFailed(ILogger logger, Exception exception, string resultId, string runId, int attempts);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "The pull of run {RunId} of workspace {WorkspaceId} failed; the run is finalized as Failed with what it recorded")]
    public static partial void PullFailed(ILogger logger, Exception exception, string runId, string workspaceId);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "A notice for workspace {WorkspaceId} arrived during a run; one more run follows it")]
    public static partial void NoticeDuringRun(ILogger logger, string workspaceId);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Error, Message = "Ingestion of workspace {WorkspaceId} stopped unexpectedly")]
    public static partial void DriverCrashed(ILogger logger, Exception exception, string workspaceId);
}
