using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Pipeline;

namespace OpsHelm.Core.Work;

/// <summary>One provider message of a fan-out run: the message itself is in the archive under <see cref="EventKey"/>.</summary>
public sealed record WorkItem
{
    /// <summary>Deterministic id (workspace, run, event key or position), so re-reading a page enqueues nothing twice.</summary>
    public required string Id { get; init; }
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>The run that fanned it out.</summary>
    public required string RunId { get; init; }
    /// <summary>Order within the run (the source's order), so a workspace's messages are processed as they were read.</summary>
    public required int Position { get; init; }
    /// <summary>The archived message's event key; null for an item that could not be read as a message.</summary>
    public string? EventKey { get; init; }
    /// <summary>The provider's id, or <c>line:N</c> for an unreadable item.</summary>
    public required string ResultId { get; init; }
    /// <summary>Why the item could not be read as a message (it becomes a ParseFailure exception).</summary>
    public string? Failure { get; init; }
    /// <summary>A fingerprint of the unreadable raw item, for its exception's id.</summary>
    public string? RawFingerprint { get; init; }
    /// <summary>Only messages sent at or after this are processed (the run's since).</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>For a backfill: reminders and due dates before this are history, not raised.</summary>
    public DateTimeOffset? HistoricalBefore { get; init; }
    /// <summary>Pending, Leased, Done or DeadLettered.</summary>
    public WorkItemState State { get; init; } = WorkItemState.Pending;
    /// <summary>Leases taken so far.</summary>
    public int Attempts { get; init; }
    /// <summary>Identifies the current lease; completing with an older token fails.</summary>
    public string? LeaseToken { get; init; }
    /// <summary>End of the current lease.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }
    /// <summary>Not leased before this.</summary>
    public DateTimeOffset VisibleAt { get; init; }
    /// <summary>The last failure.</summary>
    public string? LastError { get; init; }
    /// <summary>What processing did, once Done or DeadLettered.</summary>
    public ItemSummary? Summary { get; init; }
    /// <summary>When it was enqueued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>This item leased until <paramref name="now"/> + <paramref name="leaseFor"/> under a new token, one attempt more.</summary>
    public WorkItem LeasedAt(DateTimeOffset now, TimeSpan leaseFor) =>
        this with { State = WorkItemState.Leased, Attempts = Attempts + 1, LeaseToken = Guid.NewGuid().ToString("n"), LeaseUntil = now + leaseFor };

    /// <summary>This leased item Done with what it did.</summary>
    public WorkItem Completed(ItemSummary summary) => Released(WorkItemState.Done) with { Summary = summary };

    /// <summary>This leased item Pending again, visible at <paramref name="visibleAt"/>.</summary>
    public WorkItem RetriedAt(string error, DateTimeOffset visibleAt) => Released(WorkItemState.Pending) with { LastError = error, VisibleAt = visibleAt };

    /// <summary>This leased item DeadLettered with what was recorded for it.</summary>
    public WorkItem DeadLettered(string error, ItemSummary summary) => Released(WorkItemState.DeadLettered) with { LastError = error, Summary = summary };

    private WorkItem Released(WorkItemState state) => this with { State = state, LeaseToken = null, LeaseUntil = null };

    /// <summary>The id of run <paramref name="runId"/>'s item for <paramref name="eventKeyOrPosition"/>.</summary>
    public static string IdOf(string workspaceId, string runId, string eventKeyOrPosition) => StableId.Of("work", workspaceId, runId, eventKeyOrPosition);
}
