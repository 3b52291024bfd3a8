namespace OpsHelm.Core.Records;

/// <summary>One run of the runner sequence, with its counts.</summary>
public sealed record IngestionRun
{
    /// <summary>Run id.</summary>
    public required string RunId { get; init; }
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>Timer, Push, Manual, Cli or Backfill.</summary>
    public required string Trigger { get; init; }
    /// <summary>Start.</summary>
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>End, once finished.</summary>
    public DateTimeOffset? EndedAt { get; init; }
    /// <summary>Running, Succeeded or Failed.</summary>
    public string Status { get; init; } = "Running";
    /// <summary>Why it failed, if it did.</summary>
    public string? Error { get; init; }
    /// <summary>True when no ProcessingState existed before it.</summary>
    public bool Bootstrap { get; init; }
    /// <summary>Counts.</summary>
    public RunCounts Counts { get; init; } = new();
    /// <summary>Share of fetched items that have an EmailEvent, in percent.</summary>
    public double CoveragePercent { get; init; }
    /// <summary>Duration in milliseconds.</summary>
    public long DurationMs { get; init; }
    /// <summary>Whether the checkpoint was written.</summary>
    public bool CheckpointWritten { get; init; }
    /// <summary>For a reconciliation run: per mailbox, the provider's list compared with what was recorded.</summary>
    public IReadOnlyList<MailboxCoverage> Coverage { get; init; } = [];
    /// <summary>For a run the in-process driver runs: where it stands after its last recorded page, so a restarted process resumes it; cleared when it is finalized.</summary>
    public Ingestion.IngestionRequest? Progress { get; init; }
    /// <summary>For a fan-out run (pushes, timers, manual ingest in the app): how far its pull got.</summary>
    public Work.FanOutProgress? FanOut { get; init; }
}

/// <summary>How much of a mailbox's messages in a window are recorded, by the provider's own list.</summary>
/// <param name="Mailbox">Mailbox address.</param>
/// <param name="From">Window start (inclusive).</param>
/// <param name="To">Window end (exclusive).</param>
/// <param name="Listed">Messages the provider lists in the window.</param>
/// <param name="RecordedBefore">Of those, recorded before the reconciliation.</param>
/// <param name="RecordedAfter">Of those, recorded after it fetched what was missing.</param>
public sealed record MailboxCoverage(string Mailbox, DateTimeOffset From, DateTimeOffset To, int Listed, int RecordedBefore, int RecordedAfter)
{
    /// <summary>Recorded share of the listed messages, in percent (100 when the provider lists none).</summary>
    public double CoveragePercent => Listed == 0 ? 100 : Math.Round(100.0 * RecordedAfter / Listed, 2);
}

/// <summary>What a run saw and did.</summary>
public sealed record RunCounts
{
    /// <summary>Items read from the source.</summary>
    public int Fetched { get; init; }
    /// <summary>Messages newly recorded.</summary>
    public int New { get; init; }
    /// <summary>Messages already recorded by an earlier run (nothing repeated).</summary>
    public int AlreadyRecorded { get; init; }
    /// <summary>Items skipped by the since filter.</summary>
    public int SkippedBeforeSince { get; init; }
    /// <summary>New messages classified, per category.</summary>
    public IReadOnlyDictionary<string, int> PerCategory { get; init; } = new Dictionary<string, int>();
    /// <summary>New exception records, per reason.</summary>
    public IReadOnlyDictionary<string, int> ExceptionsByReason { get; init; } = new Dictionary<string, int>();
    /// <summary>New tickets.</summary>
    public int TicketsCreated { get; init; }
    /// <summary>Tickets updated.</summary>
    public int TicketsUpdated { get; init; }
    /// <summary>New tasks.</summary>
    public int TasksCreated { get; init; }
    /// <summary>New commitments.</summary>
    public int CommitmentsCreated { get; init; }
    /// <summary>Attachments stored.</summary>
    public int AttachmentsStored { get; init; }

    /// <summary>All new exceptions.</summary>
    public int Exceptions => ExceptionsByReason.Values.Sum();
    /// <summary>All messages classified in this run.</summary>
    public int Classified => PerCategory.Values.Sum();
}
