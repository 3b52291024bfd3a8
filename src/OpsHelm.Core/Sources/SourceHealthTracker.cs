using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;

namespace OpsHelm.Core.Sources;

/// <summary>
/// Turns what happened at a provider into the visible state of a source, so a connection never stops silently:
/// a rejected credential disconnects at once, repeated failures disconnect after <see cref="FailureThreshold"/>,
/// a lapsed subscription or a resync opens an incident, and a success clears the failures.
/// </summary>
public sealed class SourceHealthTracker(ISourceHealthStore store, TimeProvider time)
{
    /// <summary>Failures in a row after which a source is Disconnected with a RepeatedFailures incident.</summary>
    public int FailureThreshold { get; init; } = 3;

    /// <summary>A call to the provider for <paramref name="sourceId"/> succeeded: Connected; open credential and failure incidents resolved.</summary>
    public async Task RecordSuccessAsync(string workspaceId, string sourceId, string provider, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var health = await CurrentAsync(workspaceId, sourceId, provider, cancellationToken);
        await ResolveAsync(workspaceId, sourceId, [IncidentKinds.CredentialRejected, IncidentKinds.RepeatedFailures], now, cancellationToken);
        // Pulls work, but a lapsed subscription or watch stays visible until it is renewed.
        var lapsed = await FindOpenAsync(workspaceId, sourceId, IncidentKinds.SubscriptionLapsed, cancellationToken) is not null;
        await store.SaveAsync(health with
        {
            State = lapsed ? SourceStates.Degraded : SourceStates.Connected,
            LastSuccessAt = now,
            ConsecutiveFailures = 0,
        }, cancellationToken);
    }

    /// <summary>A call failed; <paramref name="credentialRejected"/> when the provider refused the credential itself.</summary>
    public async Task RecordFailureAsync(string workspaceId, string sourceId, string provider, string error, bool credentialRejected, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var health = await CurrentAsync(workspaceId, sourceId, provider, cancellationToken);
        var failures = health.ConsecutiveFailures + 1;
        var disconnected = credentialRejected || failures >= FailureThreshold;
        await store.SaveAsync(health with
        {
            State = disconnected ? SourceStates.Disconnected : SourceStates.Degraded,
            LastFailureAt = now,
            ConsecutiveFailures = failures,
            LastError = error,
        }, cancellationToken);
        if (credentialRejected)
        {
            await OpenAsync(workspaceId, sourceId, IncidentKinds.CredentialRejected, $"The provider rejected the credential: {error}", now, cancellationToken);
        }
        else if (disconnected)
        {
            await OpenAsync(workspaceId, sourceId, IncidentKinds.RepeatedFailures, $"{failures} calls in a row failed; last: {error}", now, cancellationToken);
        }
    }

    /// <summary>A subscription or watch was created or renewed until <paramref name="expiresAt"/>; a SubscriptionLapsed incident is resolved.</summary>
    public async Task RecordSubscriptionAsync(string workspaceId, string sourceId, string provider, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var health = await CurrentAsync(workspaceId, sourceId, provider, cancellationToken);
        await ResolveAsync(workspaceId, sourceId, [IncidentKinds.SubscriptionLapsed], now, cancellationToken);
        var state = health.State == SourceStates.Degraded && health.ConsecutiveFailures == 0 ? SourceStates.Connected : health.State;
        await store.SaveAsync(health with { State = state, SubscriptionExpiresAt = expiresAt }, cancellationToken);
    }

    /// <summary>A subscription or watch lapsed, was removed or could not be renewed: Disconnected from pushes until renewed.</summary>
    public async Task RecordSubscriptionLapsedAsync(string workspaceId, string sourceId, string provider, string details, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var health = await CurrentAsync(workspaceId, sourceId, provider, cancellationToken);
        await store.SaveAsync(health with { State = SourceStates.Degraded, LastError = details, SubscriptionExpiresAt = null }, cancellationToken);
        await OpenAsync(workspaceId, sourceId, IncidentKinds.SubscriptionLapsed, details, now, cancellationToken);
    }

    /// <summary>The provider lost our checkpoint (or pushes were missed) and a bounded resync ran: recorded as a resolved incident, so it stays visible.</summary>
    public async Task RecordResyncAsync(string workspaceId, string sourceId, string details, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await store.SaveIncidentAsync(new SourceIncident
        {
            Id = StableId.Of("incident", workspaceId, sourceId, IncidentKinds.Resync, now.ToString("O")),
            WorkspaceId = workspaceId,
            SourceId = sourceId,
            Kind = IncidentKinds.Resync,
            Details = details,
            Status = "Resolved",
            OpenedAt = now,
            ResolvedAt = now,
        }, cancellationToken);
    }

    /// <summary>The provider of <paramref name="sourceId"/> has no settings here: the source is left out of pulls and says so.</summary>
    public async Task RecordNotConfiguredAsync(string workspaceId, string sourceId, string provider, string details, CancellationToken cancellationToken)
    {
        var health = await CurrentAsync(workspaceId, sourceId, provider, cancellationToken);
        if (health.State != SourceStates.NotConfigured || health.LastError != details)
        {
            await store.SaveAsync(health with { State = SourceStates.NotConfigured, LastError = details }, cancellationToken);
        }
    }

    /// <summary>
    /// A delivery for <paramref name="sourceId"/> was acknowledged but one of its messages could not be recorded: an
    /// UndeliverableMessage incident, updated with a running count while open (an operator resolves it once the cause is fixed).
    /// </summary>
    public async Task RecordUndeliverableAsync(string workspaceId, string sourceId, string provider, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await FindOpenAsync(workspaceId, sourceId, IncidentKinds.UndeliverableMessage, cancellationToken);
        var count = open is null ? 1 : UndeliverableCount(open.Details) + 1;
        await OpenAsync(workspaceId, sourceId, IncidentKinds.UndeliverableMessage,
            $"{count} {provider} message(s) acknowledged but not recorded; last: {reason}", now, cancellationToken);
    }

    private static int UndeliverableCount(string details) =>
        int.TryParse(details.AsSpan(0, Math.Max(0, details.IndexOf(' ', StringComparison.Ordinal))), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;

    private async Task<SourceHealth> CurrentAsync(string workspaceId, string sourceId, string provider, CancellationToken cancellationToken) =>
        await store.GetAsync(workspaceId, sourceId, cancellationToken)
        ?? new SourceHealth { WorkspaceId = workspaceId, SourceId = sourceId, Provider = provider };

    private async Task OpenAsync(string workspaceId, string sourceId, string kind, string details, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One open incident per source and kind: a repeat updates it; once resolved, the next occurrence opens a new one.
        var open = await FindOpenAsync(workspaceId, sourceId, kind, cancellationToken);
        await store.SaveIncidentAsync(new SourceIncident
        {
            Id = open?.Id ?? StableId.Of("incident", workspaceId, sourceId, kind, now.ToString("O")),
            WorkspaceId = workspaceId,
            SourceId = sourceId,
            Kind = kind,
            Details = details,
            OpenedAt = open?.OpenedAt ?? now,
        }, cancellationToken);
    }

    private async Task<SourceIncident?> FindOpenAsync(string workspaceId, string sourceId, string kind, CancellationToken cancellationToken) =>
        (await store.ListIncidentsAsync(workspaceId, "Open", cancellationToken)).FirstOrDefault(i => i.SourceId == sourceId && i.Kind == kind);

    private async Task ResolveAsync(string workspaceId, string sourceId, IReadOnlyList<string> kinds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var incident in await store.ListIncidentsAsync(workspaceId, "Open", cancellationToken))
        {
            if (incident.SourceId == sourceId && kinds.Contains(incident.Kind))
            {
                await store.SaveIncidentAsync(incident with { Status = "Resolved", ResolvedAt = now }, cancellationToken);
            }
        }
    }
}
