using Microsoft.Extensions.Logging;

namespace OpsHelm.Core.Work;

/// <summary>The fan-out's structured log messages. Never message bodies, never secrets.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Run {RunId} of workspace {WorkspaceId} pulling ({Trigger}) from {Source}")]
    public static partial void PullStarted(ILogger logger, string runId, string workspaceId, string trigger, string source);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Run {RunId} of workspace {WorkspaceId} pulled {Pages} pages, {Items} work items")]
    public static partial void PullFinished(ILogger logger, string runId, string workspaceId, int pages, int items);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Run {RunId} of workspace {WorkspaceId} resumes its pull after page {Pages} ({Items} items enqueued)")]
    public static partial void PullResumed(ILogger logger, string runId, string workspaceId, int pages, int items);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "The pull of run {RunId} of workspace {WorkspaceId} failed; what it enqueued is still processed")]
    public static partial void PullFailed(ILogger logger, Exception exception, string runId, string workspaceId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Work item {ItemId} of run {RunId} failed (attempt {Attempt}); retried at {RetryAt}")]
    public static partial void ItemRetried(ILogger logger, Exception exception, string itemId, string runId, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "Work item {ItemId} of run {RunId} dead-lettered after {Attempt} attempts; recorded as ProcessingFailed")]
    public static partial void ItemDeadLettered(ILogger logger, Exception exception, string itemId, string runId, int attempt);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "Run {RunId} of workspace {WorkspaceId} {Status}: fetched {Fetched}, new {New}, already recorded {AlreadyRecorded}, exceptions {Exceptions}, dead-lettered {DeadLettered}, in {DurationMs} ms")]
    public static partial void RunFinalized(ILogger logger, string runId, string workspaceId, string status, int fetched, int @new, int alreadyRecorded, int exceptions, int deadLettered, long durationMs);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning, Message = "Run {RunId} of workspace {WorkspaceId} stalled: its pull made no progress since {Heartbeat}")]
    public static partial void RunStalled(ILogger logger, string runId, string workspaceId, DateTimeOffset heartbeat);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning, Message = "Work item {ItemId} of run {RunId} lost its lease before completing; another worker has it")]
    public static partial void LeaseLost(ILogger logger, string itemId, string runId);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Warning, Message = "Announcing {Count} work items of run {RunId} of workspace {WorkspaceId} failed; they stay queued and the supervisor announces them again")]
    public static partial void AnnounceFailed(ILogger logger, Exception exception, int count, string runId, string workspaceId);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "{Count} work items of workspace {WorkspaceId} were overdue (visible since before {Before} and not taken); announced again")]
    public static partial void OverdueAnnounced(ILogger logger, int count, string workspaceId, DateTimeOffset before);
}
