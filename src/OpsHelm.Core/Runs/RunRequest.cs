using OpsHelm.Core.Ports;

namespace OpsHelm.Core.Runs;

/// <summary>What to run: whose configuration, which source, why, and who listens.</summary>
public sealed record RunRequest
{
    /// <summary>The workspace configuration (step 1).</summary>
    public required IWorkspaceConfigSource Config { get; init; }
    /// <summary>The messages (step 3).</summary>
    public required IMessageSource Source { get; init; }
    /// <summary>Timer, Push, Manual, Cli or Backfill.</summary>
    public string Trigger { get; init; } = "Cli";
    /// <summary>Only messages sent at or after this are processed.</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>How long to wait for another process holding the workspace.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Told about every item in source order (replay writes its result lines from this).</summary>
    public Action<ItemResult>? Observer { get; init; }
    /// <summary>Told how far the run is.</summary>
    public IProgress<int>? Progress { get; init; }
}
