namespace OpsHelm.Core.Work;

/// <summary>Where a work item stands.</summary>
public enum WorkItemState
{
    /// <summary>Waiting for a worker (visible from its VisibleAt).</summary>
    Pending,
    /// <summary>A worker holds it until LeaseUntil.</summary>
    Leased,
    /// <summary>Processed; its summary is kept for the run's fan-in.</summary>
    Done,
    /// <summary>Attempts exhausted; a ProcessingFailed exception was recorded for it.</summary>
    DeadLettered,
}
