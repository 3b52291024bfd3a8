using OpsHelm.Api.Workspaces;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;

namespace OpsHelm.Api.Portal;

/// <summary>What the routes that show messages need (bound with <c>[AsParameters]</c> by <c>opshelm serve</c>, injected into the functions).</summary>
/// <param name="Records">The records.</param>
/// <param name="Archive">The messages as read.</param>
/// <param name="Attachments">Stored attachments.</param>
/// <param name="Registry">The configured workspaces.</param>
/// <param name="Pipeline">The pipeline (thread keys, and the fields the rules read from a message).</param>
public sealed record MessageServices(IRecordStore Records, IMessageArchive Archive, IAttachmentStore Attachments, WorkspaceRegistry Registry, MessagePipeline Pipeline);
