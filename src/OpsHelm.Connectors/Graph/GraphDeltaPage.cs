using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Graph;

/// <summary>One page of a delta round, mapped; or why it could not be read.</summary>
internal sealed record GraphDeltaPage(IReadOnlyList<SourceItem> Items, string? NextLink, string? DeltaLink, string? LastMessageId, Exception? Error = null)
{
    /// <summary>A page that failed.</summary>
    public static GraphDeltaPage Failed(Exception error) => new([], null, null, null, error);
}
