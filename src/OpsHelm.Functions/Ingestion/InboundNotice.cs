using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Ports;

namespace OpsHelm.Functions.Ingestion;

/// <summary>
/// The queue trigger for inbound notices: starts the workspace's ingestion orchestration or signals the running one. A
/// notice whose push was already answered (a duplicate) does nothing; notices in any order each ask for the same thing
/// (read on from the checkpoints), so their order does not matter. A notice that keeps failing (an unknown workspace,
/// an unreadable message) goes to the poison queue after the host's attempts, where <see cref="InboundNoticePoison"/> records it.
/// </summary>
public sealed partial class InboundNotice(IIngestionSources sources, IPushInbox pushes, IngestionStarter starter, ILogger<InboundNotice> logger)
{
    /// <summary>Handles one notice.</summary>
    [Function(nameof(InboundNotice))]
    public async Task RunAsync(
        [QueueTrigger(InboundNoticeMessage.Queue, Connection = InboundNoticeMessage.Connection)] InboundNoticeMessage notice,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (sources.Find(notice.WorkspaceId) is null)
        {
            throw new WorkspaceNotConfiguredException(notice.WorkspaceId);
        }
        var pending = await PendingNotices.ListAsync(pushes, notice.WorkspaceId, cancellationToken);
        if (pending.Count < PendingNotices.Limit && !pending.Contains(notice.PushId, StringComparer.Ordinal))
        {
            NoticeAlreadyAnswered(logger, notice.PushId, notice.WorkspaceId);
            return;
        }
        var start = await starter.StartOrSignalAsync(client, new IngestionRequest { WorkspaceId = notice.WorkspaceId, Trigger = "Push" }, cancellationToken);
        NoticeHandled(logger, notice.PushId, notice.WorkspaceId, start.Started ? "started" : "signalled", start.RunId);
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Notice {PushId} of workspace {WorkspaceId} was answered already; nothing to do")]
    private static partial void NoticeAlreadyAnswered(ILogger logger, string pushId, string workspaceId);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Notice {PushId} of workspace {WorkspaceId} {Outcome} run {RunId}")]
    private static partial void NoticeHandled(ILogger logger, string pushId, string workspaceId, string outcome, string runId);
}
