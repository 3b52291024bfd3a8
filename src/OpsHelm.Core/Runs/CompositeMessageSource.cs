using System.Runtime.CompilerServices;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Runs;

/// <summary>Several sources read one after another (a workspace's Graph, Gmail and WhatsApp sources); each reads only its own mailboxes.</summary>
public sealed class CompositeMessageSource(IReadOnlyList<IMessageSource> sources) : IMessageSource
{
    /// <inheritdoc />
    public string Description => sources.Count == 0 ? "no sources configured" : string.Join(" + ", sources.Select(s => s.Description));

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceBatch> ReadAsync(WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            await foreach (var batch in source.ReadAsync(workspace, states, since, cancellationToken))
            {
                yield return batch;
            }
        }
    }
}
