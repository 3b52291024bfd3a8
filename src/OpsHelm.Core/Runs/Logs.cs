using Microsoft.Extensions.Logging;

namespace OpsHelm.Core.Runs;

/// <summary>The runner's structured log messages. Never message bodies, never secrets.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Run {RunId} of workspace {WorkspaceId} started ({Trigger}, bootstrap {Bootstrap}) from {Source}")]
    public static partial void RunStarted(ILogger logger, string runId, string workspaceId, string trigger, bool bootstrap, string source);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Run {RunId} of workspace {WorkspaceId} {Status}: fetched {Fetched}, new {New}, already recorded {AlreadyRecorded}, exceptions {Exceptions}, coverage {Coverage}% in {DurationMs} ms")]
    public static partial void RunFinished(ILogger logger, string runId, string workspaceId, string status, int fetched, int @new, int alreadyRecorded, int exceptions, double coverage, long durationMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Source item {Position} of run {RunId} could not be read: {Failure}")]
    public static partial void ParseFailure(ILogger logger, int position, string runId, string failure);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Processing message {MessageId} of run {RunId} failed; recorded as ProcessingFailed")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception, string messageId, string runId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Recording item {ResultId} of run {RunId} failed; its writes were rolled back and it is recorded as ProcessingFailed")]
    public static partial void ItemFailed(ILogger logger, Exception exception, string resultId, string runId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Run {RunId} of workspace {WorkspaceId} failed")]
    public static partial void RunFailed(ILogger logger, Exception exception, string runId, string workspaceId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Source {Source} of workspace {WorkspaceId} failed; the pull goes on with the other sources")]
    public static partial void SourceFailed(ILogger logger, Exception exception, string source, string workspaceId);
}
