using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Core.Ingestion;

/// <summary>
/// The state of a workspace's ingestion between two pages: the orchestration's input, carried across each
/// <c>ContinueAsNew</c>, and the in-process driver's loop variable. Small and serializable: keys and counts, never bodies.
/// The decisions both drivers share (what to pull next, when a run ends, whether another follows) are made here.
/// </summary>
public sealed record IngestionRequest
{
    /// <summary>The workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>Push, Timer, Manual or Backfill.</summary>
    public string Trigger { get; init; } = "Push";
    /// <summary>Only messages sent at or after this are processed; for a backfill, where history starts.</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>Read from the since date instead of the stored checkpoints (a backfill's first run).</summary>
    public bool ReadFromSince { get; init; }
    /// <summary>The most pages this run reads (a backfill's bound; the next run continues); null for no bound.</summary>
    public int? PageCap { get; init; }
    /// <summary>The id the next run takes (a caller that answers with it); null: the driver makes one.</summary>
    public string? RunId { get; init; }
    /// <summary>The run in progress; null before its first page.</summary>
    public RunProgress? Run { get; init; }
    /// <summary>A notice arrived during the run: one more run follows it.</summary>
    public bool NoticePending { get; init; }

    /// <summary>For a backfill: reminders, due dates and staleness before the run's start are history, not raised.</summary>
    public DateTimeOffset? HistoricalBefore => Trigger == "Backfill" ? Run?.StartedAt : null;

    /// <summary>A manual, timer or push request for <paramref name="workspaceId"/>, or a backfill from <paramref name="since"/> bounded by <paramref name="settings"/>.</summary>
    public static IngestionRequest For(string workspaceId, string trigger, DateTimeOffset? since, IngestionSettings settings) => trigger == "Backfill"
        ? new() { WorkspaceId = workspaceId, Trigger = trigger, Since = since, ReadFromSince = true, PageCap = settings.BackfillPagesPerRun }
        : new() { WorkspaceId = workspaceId, Trigger = trigger, Since = since };

    /// <summary>This request with its run begun as <paramref name="runId"/> at <paramref name="startedAt"/> (no-op once begun).</summary>
    public IngestionRequest Begin(string runId, DateTimeOffset startedAt) =>
        Run is not null ? this : this with { Run = new RunProgress { RunId = RunId ?? runId, StartedAt = startedAt } };

    /// <summary>The pull of the run's next page.</summary>
    public PullPageRequest NextPage()
    {
        var run = Run ?? throw new InvalidOperationException("The run has not begun.");
        return new PullPageRequest(WorkspaceId, run.RunId, Trigger, run.StartedAt, Since, ReadFromSince, run.Cursor, run.Items);
    }

    /// <summary>The request for processing <paramref name="item"/> of the current run.</summary>
    public ProcessMessageRequest Process(PageItem item) => new(WorkspaceId, Run!.RunId, item, Since, HistoricalBefore);

    /// <summary>The request for recording <paramref name="item"/> as ProcessingFailed.</summary>
    public RecordProcessingFailureRequest Failed(PageItem item, string error) => new(WorkspaceId, Run!.RunId, item, error);

    /// <summary>The request for writing the checkpoints of <paramref name="page"/>.</summary>
    public CommitCheckpointsRequest Commit(PulledPage page) => new(WorkspaceId, Run!.RunId, page.Checkpoints);

    /// <summary>This request after <paramref name="page"/> was recorded with <paramref name="summaries"/> and its checkpoints written.</summary>
    public IngestionRequest AfterPage(PulledPage page, IReadOnlyList<ItemSummary> summaries)
    {
        var run = Run!;
        return this with
        {
            Run = run with
            {
                Cursor = Cursor.Advance(run.Cursor, page.Checkpoints),
                Pages = run.Pages + 1,
                Items = run.Items + page.Items.Count,
                Counts = RunTotals.Add(run.Counts, page.Items.Count, summaries),
                PushIds = run.Pages == 0 ? page.PushIds : run.PushIds,
                CheckpointWritten = run.CheckpointWritten || page.Checkpoints.Count > 0,
                SourceExhausted = page.SourceExhausted,
            },
        };
    }

    /// <summary>True once the run read its source to the end or its page cap.</summary>
    public bool RunComplete => Run is { } run && (run.SourceExhausted || (PageCap is { } cap && run.Pages >= cap));

    /// <summary>The request to finalize the run, with <paramref name="error"/> when its pull failed.</summary>
    public FinalizeRunRequest Finalize(string? error = null) =>
        new(WorkspaceId, Run!.RunId, Run.Counts, Run.CheckpointWritten, Run.PushIds, error);

    /// <summary>
    /// What follows a finalized run: a backfill stopped by its cap continues from the checkpoints it wrote (that run also
    /// answers notices that came meanwhile); a notice signalled during the run, or <paramref name="pendingNotices"/> pushes
    /// recorded after it began (a signal can race the run's end), ask for one more run; else nothing. After a failed run
    /// only a fresh signal does, so a source that keeps failing is not pulled in a loop.
    /// </summary>
    public IngestionRequest? NextRun(bool failed, int pendingNotices = 0)
    {
        if (!failed && Trigger == "Backfill" && Run is { SourceExhausted: false })
        {
            return this with { ReadFromSince = false, RunId = null, Run = null, NoticePending = false };
        }
        return NoticePending || (!failed && pendingNotices > 0)
            ? new IngestionRequest { WorkspaceId = WorkspaceId, Trigger = "Push" }
            : null;
    }
}

/// <summary>How far a run got: where its next page starts and what its messages did so far.</summary>
public sealed record RunProgress
{
    /// <summary>The run.</summary>
    public required string RunId { get; init; }
    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>The checkpoints after its last recorded page: where the next page starts.</summary>
    public IReadOnlyList<StreamCheckpoint> Cursor { get; init; } = [];
    /// <summary>Pages recorded.</summary>
    public int Pages { get; init; }
    /// <summary>Items pulled.</summary>
    public int Items { get; init; }
    /// <summary>The sum of its messages' summaries.</summary>
    public RunCounts Counts { get; init; } = new();
    /// <summary>The pushes it answers.</summary>
    public IReadOnlyList<string> PushIds { get; init; } = [];
    /// <summary>True once a page's checkpoints were written.</summary>
    public bool CheckpointWritten { get; init; }
    /// <summary>True when the last page read the source to its end.</summary>
    public bool SourceExhausted { get; init; }
}
