using OpsHelm.Core.Ports;

namespace OpsHelm.DurableWorker.StandIn;

/// <summary>What the stand-in orchestration carries from one page to the next through ContinueAsNew (keys and counts, never bodies).</summary>
/// <param name="WorkspaceId">The workspace.</param>
/// <param name="RunId">The run (null before the first page).</param>
/// <param name="Cursor">Where the next page starts, per mailbox folder.</param>
/// <param name="Pages">Pages done.</param>
/// <param name="Fetched">Messages pulled.</param>
/// <param name="New">Messages this run recorded.</param>
/// <param name="AlreadyRecorded">Messages recorded before.</param>
/// <param name="Failed">Messages recorded as ProcessingFailed.</param>
public sealed record StandInRunState(
    string WorkspaceId,
    string? RunId = null,
    IReadOnlyList<StreamCheckpoint>? Cursor = null,
    int Pages = 0,
    int Fetched = 0,
    int New = 0,
    int AlreadyRecorded = 0,
    int Failed = 0);

/// <summary>The PullPage input: the page after <paramref name="Cursor"/>.</summary>
public sealed record StandInPullRequest(string WorkspaceId, string RunId, IReadOnlyList<StreamCheckpoint> Cursor);

/// <summary>A pulled page: the archived messages' keys, its checkpoints, the cursor after it and whether it was the last.</summary>
public sealed record StandInPage(IReadOnlyList<string> EventKeys, IReadOnlyList<StreamCheckpoint> Checkpoints, IReadOnlyList<StreamCheckpoint> Cursor, bool Exhausted);

/// <summary>The ProcessMessage and RecordProcessingFailure input: one archived message of a run.</summary>
public sealed record StandInItemRequest(string WorkspaceId, string RunId, string EventKey, string? Error = null);

/// <summary>The CommitCheckpoints input.</summary>
public sealed record StandInCommitRequest(string WorkspaceId, IReadOnlyList<StreamCheckpoint> Checkpoints);
