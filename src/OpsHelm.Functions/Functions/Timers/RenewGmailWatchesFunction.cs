using OpsHelm.Functions.Hosting.CustomHandler;
using OpsHelm.Functions.Work;
using OpsHelm.Functions.Workspaces;

namespace OpsHelm.Functions.Functions.Timers;

/// <summary>Timer <c>RenewGmailWatches</c>: starts or renews every Gmail mailbox's watch (Gmail ends a watch after seven days).</summary>
public sealed class RenewGmailWatchesFunction(WorkspaceRegistry registry, ProviderClients providers) : IInvokedFunction
{
    /// <inheritdoc />
    public string Name => "RenewGmailWatches";

    /// <inheritdoc />
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (providers.GmailWatches.Value is not { } watches)
        {
            return new InvocationResponse(new Dictionary<string, object?>(), [$"Gmail watches are not configured: {providers.GmailWatches.Missing}"], null);
        }
        var logs = new List<string>();
        foreach (var workspace in registry.All)
        {
            foreach (var result in await watches.RenewAllAsync(workspace, cancellationToken))
            {
                logs.Add(result.Error is null ? $"{result.Address}: {result.Action} until {result.ExpiresAt:O}" : $"{result.Address}: {result.Error}");
            }
        }
        return new InvocationResponse(new Dictionary<string, object?>(), logs, null);
    }
}
