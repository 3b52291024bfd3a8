using Microsoft.DurableTask.Client;
using OpsHelm.Api.Ingestion;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Workspaces;
using OpsHelm.Functions.Ingestion;

namespace OpsHelm.Functions.Hosting;

/// <summary>
/// The Functions host's <see cref="IIngestionStarter"/>: starts the workspace's ingestion orchestration under its
/// deterministic instance id, or, while one runs, raises its <c>notice</c> event instead (see <see cref="IngestionStarter"/>).
/// </summary>
public sealed class DurableIngestionStarter(DurableTaskClient client, IngestionStarter starter, IngestionSettings settings) : IIngestionStarter
{
    /// <inheritdoc />
    public async Task<IngestionStart> StartAsync(WorkspaceConfig workspace, string trigger, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var start = await starter.StartOrSignalAsync(client, IngestionRequest.For(workspace.Id, trigger, since, settings), cancellationToken);
        return new IngestionStart(start.RunId, trigger, start.Started);
    }
}
