namespace OpsHelm.Api.Work;

/// <summary>The app's work log messages. Never message bodies, never secrets.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "Checking workspace {WorkspaceId} for pushes and unfinished runs failed")]
    public static partial void CheckFailed(ILogger logger, Exception exception, string workspaceId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "The pull of run {RunId} of workspace {WorkspaceId} stopped with an error; the supervisor resumes it")]
    public static partial void PullCrashed(ILogger logger, Exception exception, string runId, string workspaceId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Worker {Worker} failed on workspace {WorkspaceId}; its leased items return after their lease")]
    public static partial void WorkerFailed(ILogger logger, Exception exception, int worker, string workspaceId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "{Workers} workers take work items from the store")]
    public static partial void WorkersStarted(ILogger logger, int workers);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Asking for a pull through Service Bus failed; the push stays pending and the supervisor starts its pull")]
    public static partial void PullRequestFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "Service Bus delivery {MessageId} (delivery {DeliveryCount}) could not be handled; the host gives it back for redelivery")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string messageId, int deliveryCount);
}
