using System.Text.Json.Serialization;

namespace OpsHelm.Functions.Ingestion;

/// <summary>
/// The queue message a webhook sends once it recorded a push in the inbox: keys only, never the push's content.
/// </summary>
/// <param name="WorkspaceId">The workspace.</param>
/// <param name="PushId">The recorded push (IPushInbox).</param>
/// <param name="Provider">Graph, Gmail or WhatsApp.</param>
public sealed record InboundNoticeMessage(
    [property: JsonPropertyName("workspaceId")] string WorkspaceId,
    [property: JsonPropertyName("pushId")] string PushId,
    [property: JsonPropertyName("provider")] string Provider)
{
    /// <summary>The queue inbound notices go through.</summary>
    public const string Queue = "opshelm-notices";

    /// <summary>Where the host moves a notice that failed every delivery.</summary>
    public const string PoisonQueue = Queue + "-poison";

    /// <summary>The connection setting both queue triggers use (the host's storage account).</summary>
    public const string Connection = "AzureWebJobsStorage";
}
