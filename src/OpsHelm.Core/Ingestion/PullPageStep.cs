using Microsoft.Extensions.Logging;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Telemetry;

namespace OpsHelm.Core.Ingestion;

/// <summary>Which page of which run to pull, and from where.</summary>
/// <param name="WorkspaceId">The workspace.</param>
/// <param name="RunId">The run (created by its first page).</param>
/// <param name="Trigger">Push, Timer, Manual or Backfill.</param>
/// <param name="StartedAt">When the run started (the driver's clock, so a replayed orchestration passes the same).</param>
/// <param name="Since">Only messages sent at or after this are processed; for a backfill, where history starts.</param>
/// <param name="ReadFromSince">Read from the since date instead of the stored checkpoints (a backfill's first run).</param>
/// <param name="Cursor">The checkpoints of the run's pages so far: where this page starts.</param>
/// <param name="Position">Items the run pulled before this page.</param>
public sealed record PullPageRequest(
    string WorkspaceId,
    string RunId,
    string Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset? Since,
    bool ReadFromSince,
    IReadOnlyList<StreamCheckpoint> Cursor,
    int Position);

/// <summary>
/// Step 3 for one page: reads the workspace's source from the run's cursor until the page holds
/// <see cref="IngestionSettings.PageSize"/> items or the source ends, keeps each message in the archive (attachment bytes in
/// the attachment store) and answers with keys only. The first page also creates the run. Reading again from the same cursor
/// reads the same page, so a retried or redelivered pull archives the same messages under the same keys.
/// </summary>
public sealed class PullPageStep(
    IIngestionSources sources,
    IProcessingStateStore states,
    IRecordStore records,
    IPushInbox pushes,
    IMessageArchive archive,
    MessageProcessor processor,
    IngestionSettings settings,
    ILogger<PullPageStep> logger)
{
    /// <summary>Pulls the page <paramref name="request"/> names.</summary>
    public async Task<PulledPage> RunAsync(PullPageRequest request, CancellationToken cancellationToken)
    {
        using var activity = IngestionTelemetry.StartPull(request.WorkspaceId, request.RunId, request.Trigger);
        var profile = sources.Find(request.WorkspaceId) ?? throw new WorkspaceNotConfiguredException(request.WorkspaceId);
        var stored = await states.ListAsync(request.WorkspaceId, cancellationToken);
        var pushIds = request.Position == 0 ? await BeginRunAsync(request, stored, cancellationToken) : [];
        var source = sources.SourceFor(profile.Config);
        var from = Cursor.Merge(request.ReadFromSince ? [] : stored, request.Cursor, request.WorkspaceId);

        var items = new List<PageItem>();
        var checkpoints = new List<StreamCheckpoint>();
        var waves = new WaveAssigner();
        var exhausted = true;
        await foreach (var batch in source.ReadAsync(profile.Config, from, request.Since, cancellationToken))
        {
            foreach (var item in batch.Items)
            {
                items.Add(await KeepAsync(request, item, request.Position + items.Count + 1, waves, cancellationToken));
            }
            checkpoints = Cursor.Advance(checkpoints, batch.Checkpoints).ToList();
            if (items.Count >= settings.PageSize)
            {
                exhausted = false;
                break;
            }
        }
        IngestionTelemetry.PagePulled(activity, request.WorkspaceId, request.Trigger, items.Count);
        Logs.PagePulled(logger, request.RunId, request.WorkspaceId, items.Count, exhausted);
        return new PulledPage(items, checkpoints, exhausted, pushIds);
    }

    private async Task<IReadOnlyList<string>> BeginRunAsync(PullPageRequest request, IReadOnlyList<ProcessingState> stored, CancellationToken cancellationToken)
    {
        var pending = await PendingNotices.ListAsync(pushes, request.WorkspaceId, cancellationToken);
        if (await records.FindRunAsync(request.WorkspaceId, request.RunId, cancellationToken) is null)
        {
            await records.SaveRunAsync(new IngestionRun
            {
                RunId = request.RunId,
                WorkspaceId = request.WorkspaceId,
                Trigger = request.Trigger,
                StartedAt = request.StartedAt,
                Bootstrap = !request.ReadFromSince && stored.Count == 0,
            }, cancellationToken);
            Logs.RunStarted(logger, request.RunId, request.WorkspaceId, request.Trigger);
        }
        return pending;
    }

    private async Task<PageItem> KeepAsync(PullPageRequest request, SourceItem item, int position, WaveAssigner waves, CancellationToken cancellationToken)
    {
        if (item.Message is not { } message)
        {
            return new PageItem(position, item.ResultId, null, 0, item.Failure ?? "the item could not be read as a message", item.RawFingerprint ?? item.ResultId);
        }
        var key = NormalizeStep.EventKey(message);
        var detached = await processor.DetachAttachmentsAsync(request.WorkspaceId, message, cancellationToken);
        await archive.SaveAsync(request.WorkspaceId, key, detached, cancellationToken);
        return new PageItem(position, item.ResultId, key, waves.Next(processor.Pipeline.ThreadKeysOf(message)));
    }

    // An item goes one wave after the last item of the page that shares a thread key with it.
    private sealed class WaveAssigner
    {
        private readonly Dictionary<string, int> _lastWave = new(StringComparer.Ordinal);

        public int Next(IReadOnlyList<string> threadKeys)
        {
            var wave = 0;
            foreach (var key in threadKeys)
            {
                if (_lastWave.TryGetValue(key, out var last))
                {
                    wave = Math.Max(wave, last + 1);
                }
            }
            foreach (var key in threadKeys)
            {
                _lastWave[key] = wave;
            }
            return wave;
        }
    }
}

/// <summary>What a pull of one page found: keys, not bodies.</summary>
/// <param name="Items">The page's items in source order.</param>
/// <param name="Checkpoints">Where the page's streams stand after it: written once every item is recorded.</param>
/// <param name="SourceExhausted">True when the source was read to its end (no further page this run).</param>
/// <param name="PushIds">On a run's first page: the pushes pending when it started, marked Done when it finalizes.</param>
public sealed record PulledPage(IReadOnlyList<PageItem> Items, IReadOnlyList<StreamCheckpoint> Checkpoints, bool SourceExhausted, IReadOnlyList<string> PushIds);

/// <summary>A step was asked for a workspace that is not configured.</summary>
public sealed class WorkspaceNotConfiguredException(string workspaceId) : Exception($"workspace '{workspaceId}' is not configured");
