using OpsHelm.Api.Work;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Scheduled;

/// <summary>Scheduled job <c>RenewGmailWatches</c>: starts or renews every Gmail mailbox's watch (Gmail ends a watch after seven days).</summary>
public sealed class RenewGmailWatchesJob(WorkspaceRegistry registry, ProviderClients providers) : IScheduledJob
{
    /// <inheritdoc />
    public bool RunsAtStart => true;

    /// <inheritdoc />
    public string Name => "RenewGmailWatches";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        if (providers.GmailWatches.Value is not { } watches)
        {
            return [$"Gmail watches are not configured: {providers.GmailWatches.Missing}"];
        }
        var logs = new List<string>();
        foreach (var workspace in registry.All)
        {
            foreach (var result in await watches.RenewAllAsync(workspace, cancellationToken))
            {
                logs.Add(result.Error is null ? $"{result.Address}: {result.Action} until {result.ExpiresAt:O}" : $"{result.Address}: {result.Error}");
            }
        }
        return logs;
    }
}
