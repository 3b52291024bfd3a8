namespace OpsHelm.Core.Records;

/// <summary>
/// An operator's dismissal of a Meeting EmailEvent. Kept apart from the event, keyed by its event key, so no later sync of the
/// same (or an updated) event can clear it.
/// </summary>
/// <param name="WorkspaceId">Workspace.</param>
/// <param name="EventKey">The dismissed EmailEvent's key (<c>{channel}:{providerMessageId}</c>).</param>
/// <param name="DismissedAt">When it was first dismissed.</param>
public sealed record MeetingDismissal(string WorkspaceId, string EventKey, DateTimeOffset DismissedAt);
