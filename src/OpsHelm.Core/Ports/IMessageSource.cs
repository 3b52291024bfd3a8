using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Ports;

/// <summary>Where new messages come from (step 3): a provider's delta, history or a JSON Lines file.</summary>
public interface IMessageSource
{
    /// <summary>What the source reads, for messages and logs.</summary>
    string Description { get; }

    /// <summary>New items since the checkpoints in <paramref name="states"/>, page by page.</summary>
    IAsyncEnumerable<SourceBatch> ReadAsync(WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since, CancellationToken cancellationToken);
}
