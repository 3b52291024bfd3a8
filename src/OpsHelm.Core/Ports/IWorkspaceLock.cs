namespace OpsHelm.Core.Ports;

/// <summary>Keeps two runners from working one workspace at once.</summary>
public interface IWorkspaceLock
{
    /// <summary>Takes the workspace, waiting up to <paramref name="wait"/>; throws <see cref="WorkspaceBusyException"/> when another holder keeps it.</summary>
    Task<IAsyncDisposable> AcquireAsync(string workspaceId, TimeSpan wait, CancellationToken cancellationToken);
}

/// <summary>Another process is running the workspace.</summary>
public sealed class WorkspaceBusyException(string message) : Exception(message);
