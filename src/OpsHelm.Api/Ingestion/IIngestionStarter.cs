using OpsHelm.Core.Workspaces;

namespace OpsHelm.Api.Ingestion;

/// <summary>
/// Starts a workspace's ingestion, or joins the one in flight: the Durable orchestration under the Functions host, the
/// in-process runner under <c>opshelm serve</c>.
/// </summary>
public interface IIngestionStarter
{
    /// <summary>Starts a run of <paramref name="workspace"/> unless one is in flight; returns the run that carries the work.</summary>
    Task<IngestionStart> StartAsync(WorkspaceConfig workspace, string trigger, DateTimeOffset? since, CancellationToken cancellationToken);
}
