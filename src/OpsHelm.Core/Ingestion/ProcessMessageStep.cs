using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Telemetry;

namespace OpsHelm.Core.Ingestion;

/// <summary>One pulled item to process.</summary>
/// <param name="WorkspaceId">The workspace.</param>
/// <param name="RunId">The run.</param>
/// <param name="Item">The item (the message is in the archive under its key).</param>
/// <param name="Since">Only messages sent at or after this are processed.</param>
/// <param name="HistoricalBefore">For a backfill: reminders, due dates and staleness before this are history, not raised.</param>
public sealed record ProcessMessageRequest(string WorkspaceId, string RunId, PageItem Item, DateTimeOffset? Since, DateTimeOffset? HistoricalBefore);

/// <summary>
/// Steps 4–7 for one archived message and its recording. Idempotent: a message already recorded writes nothing, so a
/// retried or redelivered attempt repeats nothing. A failure throws, for the driver to retry and, after the last attempt,
/// to hand to <see cref="RecordProcessingFailureStep"/>.
/// </summary>
public sealed class ProcessMessageStep(IIngestionSources sources, IMessageArchive archive, MessageProcessor processor, TimeProvider time)
{
    /// <summary>Processes the item <paramref name="request"/> names; returns what it did.</summary>
    public async Task<ItemSummary> RunAsync(ProcessMessageRequest request, CancellationToken cancellationToken)
    {
        using var activity = IngestionTelemetry.StartItem(request.WorkspaceId, request.RunId, request.Item.ResultId);
        var started = time.GetTimestamp();
        try
        {
            var summary = await ProcessAsync(request, cancellationToken);
            IngestionTelemetry.ItemProcessed(activity, request.WorkspaceId, "Done", time.GetElapsedTime(started));
            return summary;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            IngestionTelemetry.ItemProcessed(activity, request.WorkspaceId, "Failed", time.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<ItemSummary> ProcessAsync(ProcessMessageRequest request, CancellationToken cancellationToken)
    {
        var profile = sources.Find(request.WorkspaceId) ?? throw new WorkspaceNotConfiguredException(request.WorkspaceId);
        var item = request.Item;
        SourceItem source;
        if (item.EventKey is null)
        {
            source = new SourceItem(item.Position, null, item.Failure, item.RawFingerprint ?? item.ResultId);
        }
        else
        {
            var message = await archive.FindAsync(request.WorkspaceId, item.EventKey, cancellationToken)
                ?? throw new ArchivedMessageMissingException(item.EventKey);
            source = new SourceItem(item.Position, message);
        }
        var processed = await processor.ProcessAsync(source, profile, request.RunId, request.Since, observe: false, cancellationToken, request.HistoricalBefore);
        return processed.Summary;
    }
}

/// <summary>The archive holds no message under a key a pull handed out.</summary>
public sealed class ArchivedMessageMissingException(string eventKey) : Exception($"The archived message {eventKey} is missing.");
