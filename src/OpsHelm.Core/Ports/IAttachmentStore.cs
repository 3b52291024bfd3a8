using OpsHelm.Core.Messages;
using OpsHelm.Core.Records;

namespace OpsHelm.Core.Ports;

/// <summary>Where attachment bytes go.</summary>
public interface IAttachmentStore
{
    /// <summary>Stores <paramref name="attachment"/>'s content under the workspace and message; returns its id. Idempotent.</summary>
    Task<string> SaveAsync(string workspaceId, string eventKey, InboundAttachment attachment, CancellationToken cancellationToken);

    /// <summary>The attachment's metadata, or null when the workspace has no such attachment.</summary>
    Task<AttachmentInfo?> FindAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken);

    /// <summary>The attachment's bytes, checked against the stored hash; null when absent or only metadata is known.</summary>
    Task<byte[]?> ReadAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken);

    /// <summary>
    /// A short-lived read link to the bytes (a SAS for Blob storage); null when the store has no links of its own and the app
    /// serves the bytes itself.
    /// </summary>
    Task<Uri?> CreateReadLinkAsync(string workspaceId, string attachmentId, TimeSpan lifetime, CancellationToken cancellationToken);
}
