using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OpsHelm.Api.Workspaces;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Ports;
using Notice = OpsHelm.Api.Ingestion.InboundNotice;

using OpsHelm.Api.Sources;

namespace OpsHelm.Functions.Ingestion;

/// <summary>
/// The queue trigger for inbound notices: starts the ingestion orchestration of each workspace the notice concerns, or
/// signals the one running. The push itself is in the inbox; a workspace with no pending push (the notice was answered
/// already: a duplicate) is left alone, and notices in any order ask for the same thing (read on from the checkpoints),
/// so their order does not matter. A notice that keeps failing (an unknown workspace, an unreadable message) goes to the
/// poison queue after the host's attempts, where <see cref="InboundNoticePoison"/> records it.
/// </summary>
public sealed partial class InboundNotice(WorkspaceRegistry registry, IPushInbox pushes, IngestionStarter starter, LifecycleNotices lifecycle,
    ILogger<InboundNotice> logger)
{
    /// <summary>The connection setting both notice queue triggers use (the host's storage account).</summary>
    public const string Connection = "AzureWebJobsStorage";

    /// <summary>Where the host moves a notice that failed every delivery.</summary>
    public const string PoisonQueue = Notice.QueueName + "-poison";

    /// <summary>Handles one notice; returns how many orchestrations it started or signalled.</summary>
    [Function(nameof(InboundNotice))]
    public async Task<int> RunAsync([QueueTrigger(Notice.QueueName, Connection = Connection)] Notice notice, [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var workspaces = notice.WorkspaceId is { } workspaceId
            ? [registry.Find(workspaceId) ?? throw new WorkspaceNotConfiguredException(workspaceId)]
            : registry.All;
        var asked = 0;
        foreach (var workspace in workspaces)
        {
            // Graph's reauthorize/removed notices ask for the subscription, not for a pull.
            await lifecycle.ProcessAsync(workspace.Id, cancellationToken);
            var pending = await PendingNotices.ListAsync(pushes, workspace.Id, cancellationToken);
            var open = notice.PushId is { } pushId && notice.WorkspaceId is not null
                ? pending.Count >= PendingNotices.Limit || pending.Contains(pushId, StringComparer.Ordinal)
                : pending.Count > 0;
            if (!open)
            {
                NothingPending(logger, notice.PushId ?? notice.Provider, workspace.Id);
                continue;
            }
            var start = await starter.StartOrSignalAsync(client, new IngestionRequest { WorkspaceId = workspace.Id, Trigger = "Push" }, cancellationToken);
            NoticeHandled(logger, notice.PushId ?? notice.Provider, workspace.Id, start.Started ? "started" : "signalled", start.RunId);
            asked++;
        }
        return asked;
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Notice {Notice}: workspace {WorkspaceId} has no pending push for it (answered already)")]
    private static partial void NothingPending(ILogger logger, string notice, string workspaceId);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Notice {Notice}: workspace {WorkspaceId} {Outcome} run {RunId}")]
    private static partial void NoticeHandled(ILogger logger, string notice, string workspaceId, string outcome, string runId);
}
