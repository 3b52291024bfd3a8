namespace OpsHelm.Functions.Tests.Fuzz;

/// <summary>What the seeds point at: the secrets the app was configured with and ids that exist in its store.</summary>
/// <param name="SubscriptionId">The Graph subscription registered in the store.</param>
/// <param name="ClientState">Its clientState.</param>
/// <param name="WhatsAppSecret">The WhatsApp app secret (signatures).</param>
/// <param name="WhatsAppVerifyToken">The WhatsApp verify token.</param>
/// <param name="ExceptionIds">Exceptions of the demo workspace.</param>
/// <param name="RunIds">Runs of the demo workspace.</param>
/// <param name="TicketIds">Tickets of the demo workspace.</param>
/// <param name="EventKeys">Event keys of the demo workspace (meetings are among them).</param>
/// <param name="AttachmentIds">Attachment ids of the demo workspace.</param>
public sealed record FuzzTargets(
    string SubscriptionId,
    string ClientState,
    string WhatsAppSecret,
    string WhatsAppVerifyToken,
    IReadOnlyList<string> ExceptionIds,
    IReadOnlyList<string> RunIds,
    IReadOnlyList<string> TicketIds,
    IReadOnlyList<string> EventKeys,
    IReadOnlyList<string> AttachmentIds);
