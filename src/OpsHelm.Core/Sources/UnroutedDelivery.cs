namespace OpsHelm.Core.Sources;

/// <summary>
/// A delivery (or one message of it) that a provider's webhook acknowledged but that could not be recorded as a message:
/// no workspace has its routing key, or its message id is unusable. Carries no content, only what routes it.
/// </summary>
/// <param name="Provider">Graph, Gmail or WhatsApp.</param>
/// <param name="Key">The routing key that matched nothing (a phone number id, subscription id or address), clipped and printable.</param>
/// <param name="Reason">Why it could not be recorded, in words.</param>
/// <param name="WorkspaceId">The workspace, when the key routed but the message id was unusable; null when no workspace could be named.</param>
public sealed record UnroutedDelivery(string Provider, string Key, string Reason, string? WorkspaceId = null);

/// <summary>What <see cref="UnroutedDeliveries"/> keeps per provider, key and reason for the host's health report.</summary>
/// <param name="Provider">Graph, Gmail or WhatsApp.</param>
/// <param name="Key">The unknown routing key.</param>
/// <param name="Reason">Why it could not be recorded.</param>
/// <param name="Count">How many since the host started.</param>
/// <param name="FirstSeenAt">The first one.</param>
/// <param name="LastSeenAt">The latest one.</param>
public sealed record UnroutedIncident(string Provider, string Key, string Reason, long Count, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);
