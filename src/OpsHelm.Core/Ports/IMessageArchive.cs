using OpsHelm.Core.Messages;

namespace OpsHelm.Core.Ports;

/// <summary>
/// The messages as they were read, kept so a work item can be processed after the pull that read it, and so triage can
/// re-run normalization for one message. Attachment bytes are not kept here; they live in the attachment store.
/// </summary>
public interface IMessageArchive
{
    /// <summary>Keeps <paramref name="message"/> under its event key; saving the same key again replaces it.</summary>
    Task SaveAsync(string workspaceId, string eventKey, InboundMessage message, CancellationToken cancellationToken);

    /// <summary>The message kept under <paramref name="eventKey"/>, or null.</summary>
    Task<InboundMessage?> FindAsync(string workspaceId, string eventKey, CancellationToken cancellationToken);
}
