using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using Notice = OpsHelm.Api.Ingestion.InboundNotice;

namespace OpsHelm.Functions.Ingestion;

/// <summary>
/// The poison queue's trigger: a notice that failed every delivery becomes an open incident the portal shows, so it is
/// never lost silently. The message is read only for its keys (bounded); its text is never put in the incident.
/// </summary>
public sealed class InboundNoticePoison(ISourceHealthStore health, TimeProvider time)
{
    /// <summary>Longest poison message read for its keys; a notice is a few hundred bytes.</summary>
    public const int MaxLength = 4096;

    /// <summary>The workspace an incident goes to when the notice names none that can be read.</summary>
    public const string UnknownWorkspace = "(unknown)";

    /// <summary>Records <paramref name="message"/> as an incident.</summary>
    [Function(nameof(InboundNoticePoison))]
    public async Task RunAsync([QueueTrigger(InboundNotice.PoisonQueue, Connection = InboundNotice.Connection)] string message, CancellationToken cancellationToken)
    {
        var notice = Read(message);
        var workspaceId = notice?.WorkspaceId is { Length: > 0 } id ? id : UnknownWorkspace;
        var details = notice is null
            ? $"An unreadable inbound notice ({message.Length} characters) failed every delivery."
            : $"An inbound notice from {notice.Provider} (push {notice.PushId ?? "not named"}) failed every delivery; its push stays in the inbox until a run answers it.";
        await health.SaveIncidentAsync(new SourceIncident
        {
            Id = StableId.Of("incident", workspaceId, IncidentKinds.PoisonNotice, notice?.PushId ?? StableId.Of("notice", message)),
            WorkspaceId = workspaceId,
            SourceId = notice?.Provider ?? "notices",
            Kind = IncidentKinds.PoisonNotice,
            Details = details,
            OpenedAt = time.GetUtcNow(),
        }, cancellationToken);
    }

    private static Notice? Read(string message)
    {
        if (message.Length > MaxLength)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<Notice>(message, JsonSerializerOptions.Web) is { Provider: not null } notice ? notice : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
