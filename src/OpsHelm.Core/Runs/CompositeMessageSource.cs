using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Runs;

/// <summary>
/// Several sources read one after another (a workspace's Graph, Gmail and WhatsApp sources); each reads only its own
/// mailboxes and succeeds or fails on its own. A source that throws (its connector has already marked its mailboxes
/// Degraded or Disconnected with the reason) is logged and left, the next sources are still read and their items still
/// handed to the run; once all were read, <see cref="SourcesFailedException"/> names every source that failed, so the run
/// says so. Providers without settings are not read at all; their sources are marked NotConfigured instead.
/// </summary>
public sealed class CompositeMessageSource(IReadOnlyList<IMessageSource> sources, ILogger? logger = null) : IMessageSource
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Providers left out of the pull for lack of settings, each with the settings it misses.</summary>
    public IReadOnlyList<UnconfiguredProvider> NotConfigured { get; init; } = [];

    /// <summary>Where the NotConfigured state of their sources is recorded; without it they are only left out.</summary>
    public SourceHealthTracker? Health { get; init; }

    /// <inheritdoc />
    public string Description => sources.Count == 0 ? "no sources configured" : string.Join(" + ", sources.Select(s => s.Description));

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceBatch> ReadAsync(WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await RecordNotConfiguredAsync(workspace, cancellationToken);
        var failures = new List<string>();
        foreach (var source in sources)
        {
            await using var batches = source.ReadAsync(workspace, states, since, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                SourceBatch batch;
                try
                {
                    if (!await batches.MoveNextAsync())
                    {
                        break;
                    }
                    batch = batches.Current;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Logs.SourceFailed(_logger, ex, source.Description, workspace.Id);
                    failures.Add($"{source.Description}: {ex.Message}");
                    break;
                }
                yield return batch;
            }
        }
        if (failures.Count > 0)
        {
            throw new SourcesFailedException(failures);
        }
    }

    private async Task RecordNotConfiguredAsync(WorkspaceConfig workspace, CancellationToken cancellationToken)
    {
        if (Health is null)
        {
            return;
        }
        foreach (var provider in NotConfigured)
        {
            foreach (var sourceId in SourceIdsOf(workspace, provider.Provider))
            {
                await Health.RecordNotConfiguredAsync(workspace.Id, sourceId, provider.Provider, $"not configured: {provider.Reason}", cancellationToken);
            }
        }
    }

    private static IEnumerable<string> SourceIdsOf(WorkspaceConfig workspace, string provider)
    {
        foreach (var mailbox in workspace.Mailboxes.Where(m => m.Provider.Equals(provider, StringComparison.OrdinalIgnoreCase)))
        {
            yield return mailbox.Address;
        }
        if (provider.Equals("WhatsApp", StringComparison.OrdinalIgnoreCase) && workspace.WhatsApp is { PhoneNumberId: { Length: > 0 } numberId })
        {
            yield return numberId;
        }
    }
}
