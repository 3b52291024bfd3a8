using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// Keeps a users.watch per Gmail mailbox: created when missing, renewed when a day old and always before its 7-day
/// expiry (read back from Gmail, milliseconds since the epoch), persisted as <c>gmail:{address}</c>, and stopped on request.
/// A renewal that fails while the watch has lapsed is a SubscriptionLapsed incident; the history poll keeps reading meanwhile.
/// </summary>
public sealed class GmailWatchManager(GmailConnection gmail, ISubscriptionStore subscriptions, SourceHealthTracker health, TimeProvider time)
{
    /// <summary>The subscription id of a mailbox's watch.</summary>
    public static string SubscriptionId(string address) => "gmail:" + address.Trim().ToLowerInvariant();

    /// <summary>Renews every Gmail mailbox's watch of <paramref name="workspace"/> that needs it; returns what was done per mailbox.</summary>
    public async Task<IReadOnlyList<GmailWatchResult>> RenewAllAsync(WorkspaceConfig workspace, CancellationToken cancellationToken)
    {
        var results = new List<GmailWatchResult>();
        foreach (var mailbox in workspace.Mailboxes.Where(m => string.Equals(m.Provider, GmailConnection.Provider, StringComparison.OrdinalIgnoreCase)))
        {
            results.Add(await EnsureAsync(workspace.Id, mailbox.Address, cancellationToken));
        }
        return results;
    }

    /// <summary>Creates or renews the watch of <paramref name="address"/> when it is missing, a day old or close to expiry.</summary>
    public async Task<GmailWatchResult> EnsureAsync(string workspaceId, string address, CancellationToken cancellationToken)
    {
        var topic = gmail.Options.WatchTopicName ?? throw new InvalidOperationException("Gmail:WatchTopicName is not set: no watch can be kept");
        var now = time.GetUtcNow();
        var id = SubscriptionId(address);
        var existing = await subscriptions.FindAsync(id, cancellationToken);
        if (existing is not null && existing.WorkspaceId == workspaceId
            && now - existing.RenewedAt < gmail.Options.WatchRenewEvery
            && existing.ExpiresAt - now > gmail.Options.WatchRenewBeforeExpiry)
        {
            return new GmailWatchResult(address, GmailWatchAction.Current, existing.ExpiresAt, null);
        }
        GmailWatchResponse response;
        try
        {
            response = await gmail.Client.WatchAsync(address, topic, gmail.Options.WatchLabelIds, cancellationToken);
        }
        catch (Exception ex) when (ex is GmailApiException or HttpRequestException or FormatException or ResponseTooLargeException)
        {
            await health.RecordFailureAsync(workspaceId, address, GmailConnection.Provider, ex.Message, ex is GmailApiException { CredentialRejected: true }, cancellationToken);
            if (existing is null || existing.ExpiresAt <= now)
            {
                await health.RecordSubscriptionLapsedAsync(workspaceId, address, GmailConnection.Provider, $"the Gmail watch could not be renewed: {ex.Message}", cancellationToken);
            }
            return new GmailWatchResult(address, GmailWatchAction.Failed, existing?.ExpiresAt, ex.Message);
        }
        await subscriptions.SaveAsync(new ProviderSubscription
        {
            Id = id,
            WorkspaceId = workspaceId,
            Provider = GmailConnection.Provider,
            SourceId = address,
            Resource = string.Join(",", gmail.Options.WatchLabelIds),
            ExpiresAt = response.Expiration,
            RenewedAt = now,
            HistoryId = response.HistoryId,
        }, cancellationToken);
        await health.RecordSubscriptionAsync(workspaceId, address, GmailConnection.Provider, response.Expiration, cancellationToken);
        return new GmailWatchResult(address, existing is null ? GmailWatchAction.Created : GmailWatchAction.Renewed, response.Expiration, null);
    }

    /// <summary>users.stop for <paramref name="address"/> and forgets its watch.</summary>
    public async Task StopAsync(string workspaceId, string address, CancellationToken cancellationToken)
    {
        await gmail.Client.StopAsync(address, cancellationToken);
        await subscriptions.DeleteAsync(workspaceId, SubscriptionId(address), cancellationToken);
    }
}

/// <summary>What <see cref="GmailWatchManager"/> did for one mailbox.</summary>
/// <param name="Address">The mailbox.</param>
/// <param name="Action">Created, Renewed, Current (nothing to do) or Failed.</param>
/// <param name="ExpiresAt">When the watch lapses, if there is one.</param>
/// <param name="Error">Why it failed.</param>
public sealed record GmailWatchResult(string Address, GmailWatchAction Action, DateTimeOffset? ExpiresAt, string? Error);

/// <summary>What happened to a watch.</summary>
public enum GmailWatchAction
{
    /// <summary>A new watch was started.</summary>
    Created,
    /// <summary>The watch was renewed.</summary>
    Renewed,
    /// <summary>The watch was recent enough.</summary>
    Current,
    /// <summary>users.watch failed.</summary>
    Failed,
}
