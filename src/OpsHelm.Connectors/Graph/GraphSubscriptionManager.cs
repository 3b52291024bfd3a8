using System.Security.Cryptography;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Graph;

/// <summary>
/// Creates, renews and deletes Graph change-notification subscriptions. Each gets a fresh random clientState; the expiry
/// kept is the one Graph answered with (it may grant less than asked). Every outcome lands on the source's health.
/// </summary>
public sealed class GraphSubscriptionManager
{
    /// <summary>The provider name on subscriptions and source health.</summary>
    public const string Provider = "Graph";

    private readonly GraphServiceClient _client;
    private readonly GraphSubscriptionOptions _options;
    private readonly ISubscriptionStore _store;
    private readonly SourceHealthTracker _health;
    private readonly TimeProvider _time;

    /// <summary>A manager calling Graph through <paramref name="client"/>; throws when <paramref name="options"/> are invalid.</summary>
    public GraphSubscriptionManager(GraphServiceClient client, GraphSubscriptionOptions options, ISubscriptionStore store, SourceHealthTracker health, TimeProvider time)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("subscription options are invalid: " + string.Join("; ", problems), nameof(options));
        }
        _client = client;
        _options = options;
        _store = store;
        _health = health;
        _time = time;
    }

    /// <summary>The resource of a mailbox folder's messages (Inbox unless told otherwise).</summary>
    public static string MailResource(string mailbox, string folder = "inbox") => $"users/{mailbox}/mailFolders('{folder}')/messages";

    /// <summary>The resource of a mailbox's calendar events.</summary>
    public static string EventsResource(string mailbox) => $"users/{mailbox}/events";

    /// <summary>Subscribes to <paramref name="resource"/> of <paramref name="mailbox"/> and stores the subscription.</summary>
    public async Task<ProviderSubscription> CreateAsync(string workspaceId, string mailbox, string resource, CancellationToken cancellationToken)
    {
        var clientState = NewClientState();
        var now = _time.GetUtcNow();
        Subscription? created;
        try
        {
            created = await _client.Subscriptions.PostAsync(new Subscription
            {
                ChangeType = _options.ChangeType,
                NotificationUrl = _options.NotificationUrl,
                LifecycleNotificationUrl = _options.LifecycleNotificationUrl,
                Resource = resource,
                ExpirationDateTime = now + _options.Lifetime,
                ClientState = clientState,
                LatestSupportedTlsVersion = "v1_2",
            }, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (GraphFailures.IsProviderFailure(ex))
        {
            await ReportAsync(workspaceId, mailbox, "could not be created", ex, cancellationToken);
            throw;
        }
        var subscription = new ProviderSubscription
        {
            Id = created?.Id is { Length: > 0 } id ? id : throw new GraphPayloadException("Graph's new subscription has no id"),
            WorkspaceId = workspaceId,
            Provider = Provider,
            SourceId = mailbox,
            Resource = resource,
            ClientState = clientState,
            ExpiresAt = created.ExpirationDateTime ?? throw new GraphPayloadException("Graph's new subscription has no expirationDateTime"),
            RenewedAt = now,
        };
        await _store.SaveAsync(subscription, cancellationToken);
        await _health.RecordSubscriptionAsync(workspaceId, mailbox, Provider, subscription.ExpiresAt, cancellationToken);
        return subscription;
    }

    /// <summary>Extends <paramref name="subscription"/> by the configured lifetime; one Graph no longer knows is created again.</summary>
    public async Task<ProviderSubscription> RenewAsync(ProviderSubscription subscription, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        Subscription? renewed;
        try
        {
            renewed = await _client.Subscriptions[subscription.Id].PatchAsync(new Subscription { ExpirationDateTime = now + _options.Lifetime }, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (GraphFailures.IsNotFound(ex))
        {
            return await RecreateAsync(subscription, cancellationToken);
        }
        catch (Exception ex) when (GraphFailures.IsProviderFailure(ex))
        {
            await ReportAsync(subscription.WorkspaceId, subscription.SourceId, "could not be renewed", ex, cancellationToken);
            throw;
        }
        var updated = subscription with
        {
            ExpiresAt = renewed?.ExpirationDateTime ?? throw new GraphPayloadException("Graph's renewed subscription has no expirationDateTime"),
            RenewedAt = now,
        };
        await _store.SaveAsync(updated, cancellationToken);
        await _health.RecordSubscriptionAsync(updated.WorkspaceId, updated.SourceId, Provider, updated.ExpiresAt, cancellationToken);
        return updated;
    }

    /// <summary>Deletes <paramref name="subscription"/> at Graph (already gone is fine) and forgets it.</summary>
    public async Task DeleteAsync(ProviderSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Subscriptions[subscription.Id].DeleteAsync(cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (GraphFailures.IsNotFound(ex))
        {
        }
        await _store.DeleteAsync(subscription.WorkspaceId, subscription.Id, cancellationToken);
    }

    /// <summary>Replaces <paramref name="subscription"/> (removed or lapsed at Graph) with a new one on the same resource.</summary>
    public async Task<ProviderSubscription> RecreateAsync(ProviderSubscription subscription, CancellationToken cancellationToken)
    {
        await DeleteAsync(subscription, cancellationToken);
        return await CreateAsync(subscription.WorkspaceId, subscription.SourceId, subscription.Resource, cancellationToken);
    }

    /// <summary>Renews the workspace's Graph subscriptions expiring soon and recreates lapsed ones; returns how many were touched.</summary>
    public async Task<int> RenewDueAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var touched = 0;
        foreach (var subscription in await _store.ListAsync(workspaceId, cancellationToken))
        {
            if (subscription.Provider != Provider || subscription.ExpiresAt - now > _options.RenewBefore)
            {
                continue;
            }
            try
            {
                _ = subscription.ExpiresAt <= now
                    ? await RecreateAsync(subscription, cancellationToken)
                    : await RenewAsync(subscription, cancellationToken);
                touched++;
            }
            catch (Exception ex) when (GraphFailures.IsProviderFailure(ex))
            {
                // Already on the source's health; the other subscriptions still get their turn.
            }
        }
        return touched;
    }

    private async Task ReportAsync(string workspaceId, string mailbox, string what, Exception ex, CancellationToken cancellationToken)
    {
        var description = $"Graph subscription {what}: {GraphFailures.Describe(ex)}";
        await _health.RecordSubscriptionLapsedAsync(workspaceId, mailbox, Provider, description, cancellationToken);
        if (GraphFailures.IsCredentialRejected(ex))
        {
            await _health.RecordFailureAsync(workspaceId, mailbox, Provider, description, true, cancellationToken);
        }
    }

    // 256 random bits, URL-safe base64 (43 characters; Graph allows 128).
    private static string NewClientState() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
