using OpsHelm.Core.Ports;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Work;

/// <summary>A pull to fan out: whose, from where, why, and what it answers.</summary>
public sealed record FanOutRequest
{
    /// <summary>The workspace.</summary>
    public required WorkspaceConfig Config { get; init; }
    /// <summary>The messages.</summary>
    public required IMessageSource Source { get; init; }
    /// <summary>Push, Timer, Manual or Backfill.</summary>
    public required string Trigger { get; init; }
    /// <summary>Only messages sent at or after this are processed; for a backfill, where history starts.</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>The most pages the run reads (backfill); null for no bound.</summary>
    public int? PageCap { get; init; }
    /// <summary>Pushes the run answers.</summary>
    public IReadOnlyList<string> PushIds { get; init; } = [];
    /// <summary>Read from the beginning (the since date) instead of the stored checkpoints: a backfill.</summary>
    public bool IgnoreCheckpoints { get; init; }
    /// <summary>How long to wait for another pull of the workspace.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(30);
}
