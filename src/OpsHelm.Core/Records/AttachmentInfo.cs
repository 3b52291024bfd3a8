namespace OpsHelm.Core.Records;

/// <summary>What a store knows of one stored attachment.</summary>
/// <param name="Id">Deterministic id.</param>
/// <param name="WorkspaceId">Workspace.</param>
/// <param name="EventKey">The EmailEvent it came with.</param>
/// <param name="Name">The safe file name.</param>
/// <param name="ContentType">Declared content type.</param>
/// <param name="Size">Bytes stored, or the declared size when only metadata is known.</param>
/// <param name="Sha256">Hex SHA-256 of the content; null when only metadata is known.</param>
public sealed record AttachmentInfo(string Id, string WorkspaceId, string EventKey, string Name, string ContentType, long Size, string? Sha256);
