using OpsHelm.Core.Messages;

namespace OpsHelm.Core.Ports;

/// <summary>Where attachment bytes go.</summary>
public interface IAttachmentStore
{
    /// <summary>Stores <paramref name="attachment"/>'s content under the workspace and message; returns its id. Idempotent.</summary>
    Task<string> SaveAsync(string workspaceId, string eventKey, InboundAttachment attachment, CancellationToken cancellationToken);
}
