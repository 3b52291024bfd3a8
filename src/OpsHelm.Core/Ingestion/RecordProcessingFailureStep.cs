using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Telemetry;

namespace OpsHelm.Core.Ingestion;

/// <summary>An item whose processing failed on its last attempt.</summary>
/// <param name="WorkspaceId">The workspace.</param>
/// <param name="RunId">The run.</param>
/// <param name="Item">The item.</param>
/// <param name="Error">What the last attempt failed with (type and message; never the message body).</param>
public sealed record RecordProcessingFailureRequest(string WorkspaceId, string RunId, PageItem Item, string Error);

/// <summary>
/// Records an item that kept failing as a ProcessingFailed exception, on its EmailEvent when the archived message can be
/// read, else on the item itself: nothing is dropped. Idempotent (the exception's id is deterministic).
/// </summary>
public sealed class RecordProcessingFailureStep(IIngestionSources sources, IMessageArchive archive, MessageProcessor processor)
{
    /// <summary>Records the failure <paramref name="request"/> describes; returns what was recorded.</summary>
    public async Task<ItemSummary> RunAsync(RecordProcessingFailureRequest request, CancellationToken cancellationToken)
    {
        var profile = sources.Find(request.WorkspaceId) ?? throw new WorkspaceNotConfiguredException(request.WorkspaceId);
        using var activity = IngestionTelemetry.StartItem(request.WorkspaceId, request.RunId, request.Item.ResultId);
        IngestionTelemetry.ItemProcessed(activity, request.WorkspaceId, "ProcessingFailed", TimeSpan.Zero);
        var item = request.Item;
        if (await ArchivedAsync(request.WorkspaceId, item.EventKey, cancellationToken) is { } message)
        {
            return await processor.RecordFailureAsync(message, profile, request.RunId, request.Error, cancellationToken);
        }
        // Without the message there is no EmailEvent to hang the exception on: it names the item instead.
        return await processor.RecordItemFailureAsync(request.WorkspaceId, request.RunId, item.EventKey ?? "source:" + (item.RawFingerprint ?? item.ResultId),
            item.ResultId, $"item {item.ResultId} of run {request.RunId} failed: {request.Error}", cancellationToken);
    }

    // The archive being unreadable may be why the item failed: the failure is then recorded on the item.
    private async Task<Messages.InboundMessage?> ArchivedAsync(string workspaceId, string? eventKey, CancellationToken cancellationToken)
    {
        if (eventKey is null)
        {
            return null;
        }
        try
        {
            return await archive.FindAsync(workspaceId, eventKey, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }
}
