using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Graph;

/// <summary>
/// Graph's change and lifecycle notifications, without any web framework: the validation handshake, then each notification
/// of a delivery checked against a known subscription and its clientState (constant-time) before it is recorded in the
/// push inbox under a deterministic id. Lifecycle events are only recorded here, so the reply never waits on a call to
/// Graph; <see cref="GraphLifecycleProcessor"/> renews or recreates afterwards, and missed stays a resync notice.
/// </summary>
public sealed class GraphNotificationHandler(
    ISubscriptionStore subscriptions, IPushInbox inbox, GraphSubscriptionOptions options, TimeProvider time, UnroutedDeliveries unrouted)
{
    private const int MaxValidationTokenChars = 4096;
    // The problem of a verified notification that could not be recorded and was traced instead (an incident on its mailbox).
    private const string Traced = "traced";
    private static readonly string[] LifecycleEvents = ["reauthorizationRequired", "subscriptionRemoved", "missed"];

    /// <summary>
    /// The body of the handshake reply (200, text/plain) for the <c>validationToken</c> query value, or null when there is
    /// no usable token (then it is not a handshake).
    /// </summary>
    public static string? ValidationReply(string? validationToken) =>
        string.IsNullOrEmpty(validationToken) || validationToken.Length > MaxValidationTokenChars || validationToken.Any(char.IsControl)
            ? null
            : validationToken;

    /// <summary>Reads a delivery from <paramref name="body"/> and records what can be verified.</summary>
    public async Task<GraphNotificationResult> HandleAsync(Stream body, CancellationToken cancellationToken)
    {
        var bytes = await ReadBoundedAsync(body, options.MaxNotificationBytes, cancellationToken);
        if (bytes is null)
        {
            return GraphNotificationResult.Malformed($"the body is over {options.MaxNotificationBytes} bytes");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return GraphNotificationResult.Malformed("the body is not JSON");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("value", out var items)
                || items.ValueKind != JsonValueKind.Array)
            {
                return GraphNotificationResult.Malformed("the body has no 'value' array");
            }
            if (items.GetArrayLength() > options.MaxNotificationsPerDelivery)
            {
                return GraphNotificationResult.Malformed($"more than {options.MaxNotificationsPerDelivery} notifications in one delivery");
            }
            int accepted = 0, duplicates = 0, rejected = 0, traced = 0;
            var problems = new List<string>();
            foreach (var item in items.EnumerateArray())
            {
                var (recorded, problem) = await HandleItemAsync(item, cancellationToken);
                if (problem == Traced)
                {
                    traced++;
                }
                else if (problem is not null)
                {
                    rejected++;
                    problems.Add(problem);
                }
                else if (recorded)
                {
                    accepted++;
                }
                else
                {
                    duplicates++;
                }
            }
            // A verified notification that could only be traced is acknowledged: Graph redelivering it would change nothing.
            var outcome = accepted + duplicates + traced == 0 && rejected > 0 ? GraphNotificationOutcome.Rejected : GraphNotificationOutcome.Accepted;
            return new GraphNotificationResult(outcome, accepted, duplicates, rejected, problems, traced);
        }
    }

    private async Task<(bool Recorded, string? Problem)> HandleItemAsync(JsonElement item, CancellationToken cancellationToken)
    {
        if (item.ValueKind != JsonValueKind.Object || item.StringProperty("subscriptionId") is not { Length: > 0 and <= 200 } subscriptionId)
        {
            return (false, "a notification without a subscriptionId");
        }
        var subscription = await subscriptions.FindAsync(subscriptionId, cancellationToken);
        if (subscription is null || subscription.Provider != GraphSubscriptionManager.Provider)
        {
            // Unverifiable (no clientState to check it against), so nothing is stored; the host keeps a bounded count per id.
            await unrouted.RecordAsync(new UnroutedDelivery(GraphSubscriptionManager.Provider, subscriptionId, UnroutedReasons.UnknownRoute), cancellationToken);
            return (false, "a notification for an unknown subscription");
        }
        if (!SameSecret(subscription.ClientState, item.StringProperty("clientState")))
        {
            return (false, "a notification whose clientState does not match its subscription");
        }
        return item.StringProperty("lifecycleEvent") is { } lifecycleEvent
            ? await LifecycleAsync(subscription, lifecycleEvent, item, cancellationToken)
            : await ChangeAsync(subscription, item, cancellationToken);
    }

    private async Task<(bool, string?)> ChangeAsync(ProviderSubscription subscription, JsonElement item, CancellationToken cancellationToken)
    {
        var changeType = item.StringProperty("changeType");
        var resource = item.StringProperty("resource");
        if (changeType is not { Length: > 0 and <= 64 } || resource is not { Length: > 0 and <= 2048 })
        {
            var reason = resource is null ? UnroutedReasons.MissingMessageId : resource.Length > 2048 ? UnroutedReasons.OverlongMessageId : UnroutedReasons.UnreadableBody;
            await unrouted.RecordAsync(new UnroutedDelivery(GraphSubscriptionManager.Provider, subscription.SourceId, reason, subscription.WorkspaceId), cancellationToken);
            return (false, Traced);
        }
        var resourceId = item.TryGetProperty("resourceData", out var data) && data.ValueKind == JsonValueKind.Object ? data.StringProperty("id") : null;
        // Only checked fields are kept, re-serialized: the payload is data for the pull, never Graph's raw text.
        var payload = JsonSerializer.Serialize(new { subscriptionId = subscription.Id, changeType, resource, resourceId });
        var notice = Notice(subscription, changeType, StableId.Of("push", "graph", subscription.Id, changeType, resource), payload);
        return (await inbox.AddAsync(notice, cancellationToken), null);
    }

    private async Task<(bool, string?)> LifecycleAsync(ProviderSubscription subscription, string lifecycleEvent, JsonElement item, CancellationToken cancellationToken)
    {
        var known = LifecycleEvents.FirstOrDefault(e => e.Equals(lifecycleEvent, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            return (false, "a lifecycle notification of an unknown kind");
        }
        var expiry = item.StringProperty("subscriptionExpirationDateTime") ?? "";
        var payload = JsonSerializer.Serialize(new { subscriptionId = subscription.Id, lifecycleEvent = known, subscriptionExpirationDateTime = expiry });
        var notice = Notice(subscription, known, StableId.Of("push", "graph", subscription.Id, known, expiry), payload);
        return (await inbox.AddAsync(notice, cancellationToken), null);
    }

    private PushNotice Notice(ProviderSubscription subscription, string kind, string id, string payload) => new()
    {
        Id = id,
        WorkspaceId = subscription.WorkspaceId,
        Provider = GraphSubscriptionManager.Provider,
        SourceId = subscription.SourceId,
        Kind = kind,
        Payload = payload,
        ReceivedAt = time.GetUtcNow(),
    };

    private static bool SameSecret(string? expected, string? actual) =>
        expected is { Length: > 0 } && actual is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
