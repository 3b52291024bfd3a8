using OpsHelm.Core.Ports;

namespace OpsHelm.Core.Work;

/// <summary>How far a fan-out run's pull got: what it enqueued, where to resume, and what it answers.</summary>
public sealed record FanOutProgress
{
    /// <summary>True once the pull read its last page (or its page cap) and enqueued every item.</summary>
    public bool Complete { get; init; }
    /// <summary>Items enqueued so far.</summary>
    public int Items { get; init; }
    /// <summary>Pages read so far.</summary>
    public int Pages { get; init; }
    /// <summary>The checkpoints after the last fully enqueued page: where a resumed pull starts, and what finalization writes.</summary>
    public IReadOnlyList<StreamCheckpoint> Cursor { get; init; } = [];
    /// <summary>Only messages sent at or after this are processed.</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>The most pages this run reads (a backfill's bound); null for no bound.</summary>
    public int? PageCap { get; init; }
    /// <summary>False when the page cap stopped the pull before the source ran dry (a continuation run follows).</summary>
    public bool SourceExhausted { get; init; } = true;
    /// <summary>When the pull last made progress; the supervisor resumes a pull that stopped moving.</summary>
    public DateTimeOffset Heartbeat { get; init; }
    /// <summary>The pull reads from the since date, not from the stored checkpoints (a backfill).</summary>
    public bool IgnoreCheckpoints { get; init; }
    /// <summary>Pushes this run answers; marked Done when it is finalized.</summary>
    public IReadOnlyList<string> PushIds { get; init; } = [];
}
