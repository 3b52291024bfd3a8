namespace OpsHelm.Api.Ingestion;

/// <summary>
/// What a webhook hands on once a provider's notice is recorded in the store: only which provider spoke (and, when the
/// handler knows it, the workspace and push id). The notice's content stays in the store, so the hand-off fits any queue
/// message; whoever receives it pulls every workspace with pending pushes.
/// </summary>
/// <param name="Provider">Graph, Gmail or WhatsApp.</param>
/// <param name="WorkspaceId">The workspace, when known.</param>
/// <param name="PushId">The recorded push, when known.</param>
public sealed record InboundNotice(string Provider, string? WorkspaceId = null, string? PushId = null)
{
    /// <summary>The Storage queue the Functions host carries notices on.</summary>
    public const string QueueName = "opshelm-notices";
}
