using OpsHelm.Api.Sources;
using OpsHelm.Api.Workspaces;
using OpsHelm.Connectors.Graph;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Api.Ingestion;

/// <summary>
/// Ingestion under <c>opshelm serve</c>: requests and recorded notices become runs of the in-process driver (one per
/// workspace at a time), and at start the runs a stopped process left unfinished are resumed and pushes recorded while it
/// was down are answered.
/// </summary>
public sealed class ServeIngestion(InProcessIngestion driver, WorkspaceRegistry registry, IPushInbox pushes, IngestionSettings settings,
    LifecycleNotices lifecycle, ILogger<ServeIngestion> logger) : IIngestionStarter, INoticeSink, IHostedService
{
    // Graph lifecycle notices that ask for a subscription to be renewed or recreated, not for a pull.
    private static readonly HashSet<string> LifecycleKinds = ["reauthorizationRequired", "subscriptionRemoved"];

    /// <inheritdoc />
    public Task<IngestionStart> StartAsync(WorkspaceConfig workspace, string trigger, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var start = driver.Request(IngestionRequest.For(workspace.Id, trigger, since, settings));
        return Task.FromResult(new IngestionStart(start.RunId, trigger, start.Started));
    }

    /// <inheritdoc />
    public async Task HandAsync(InboundNotice notice, CancellationToken cancellationToken)
    {
        var workspaces = notice.WorkspaceId is { } id ? registry.All.Where(w => w.Id == id) : registry.All;
        foreach (var workspace in workspaces)
        {
            await lifecycle.ProcessAsync(workspace.Id, cancellationToken);
            if (await AsksForPullAsync(workspace.Id, cancellationToken))
            {
                driver.Request(IngestionRequest.For(workspace.Id, "Push", null, settings));
            }
        }
    }

    /// <inheritdoc />
    async Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        foreach (var workspace in registry.All)
        {
            // A resumed run answers the pushes it listed when it began; only a workspace with none resumed is pulled for its pushes.
            var resumed = await driver.ResumeInterruptedAsync([workspace.Id], cancellationToken);
            Logs.Resumed(logger, resumed, workspace.Id);
            if (resumed == 0)
            {
                await HandAsync(new InboundNotice("any", workspace.Id), cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    Task IHostedService.StopAsync(CancellationToken cancellationToken) => driver.WhenIdleAsync().WaitAsync(cancellationToken);

    private async Task<bool> AsksForPullAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await pushes.ListPendingAsync(workspaceId, 500, cancellationToken))
            .Any(p => !(p.Provider == GraphSubscriptionManager.Provider && LifecycleKinds.Contains(p.Kind)));
}
