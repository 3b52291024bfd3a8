using OpsHelm.Api.Ingestion;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Api.Work;

/// <summary><c>opshelm serve</c>'s ingestion: runs start in this process, and a recorded notice wakes its pull coordinator.</summary>
public sealed class InProcessIngestion(PullCoordinator coordinator, WorkSignal signal) : IIngestionStarter, INoticeSink
{
    /// <inheritdoc />
    public async Task<IngestionStart> StartAsync(WorkspaceConfig workspace, string trigger, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var start = await coordinator.RequestAsync(workspace, trigger, since, cancellationToken);
        return new IngestionStart(start.Run.RunId, start.Run.Trigger, start.Started);
    }

    /// <inheritdoc />
    public Task HandAsync(InboundNotice notice, CancellationToken cancellationToken)
    {
        signal.PushRecorded();
        return Task.CompletedTask;
    }
}
