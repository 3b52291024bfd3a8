using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpsHelm.Core.Telemetry;

namespace OpsHelm.Core.Sources;

/// <summary>
/// Where an acknowledged delivery that cannot become a message leaves its trace, so none is dropped silently. Every one is
/// logged (provider, reason and key; never content) and counted on the OpsHelm meter. One that names a workspace (its route
/// is known, its message id is unusable) opens an UndeliverableMessage incident on that workspace's source, shown on the
/// Sources page. One that names no workspace is kept at host level — per provider, key and reason, in memory, reported
/// by the host's health route — because no workspace's incidents may show another workspace's (or nobody's) traffic.
/// </summary>
public sealed class UnroutedDeliveries(SourceHealthTracker health, TimeProvider time, ILogger<UnroutedDeliveries> logger)
{
    /// <summary>At most this many distinct host-level entries are kept; the rest are counted under <see cref="OtherKey"/>.</summary>
    public const int MaxEntries = 200;

    /// <summary>The key further distinct keys are counted under once <see cref="MaxEntries"/> is reached.</summary>
    public const string OtherKey = "(other keys)";

    private const int MaxKeyChars = 128;

    private static readonly Counter<long> Count = OpsHelmTelemetry.Meter.CreateCounter<long>(
        "opshelm.deliveries.unrouted", "{message}", "Acknowledged deliveries or messages not recorded as messages, by provider, reason and scope (host or workspace).");

    private readonly ConcurrentDictionary<(string Provider, string Key, string Reason), UnroutedIncident> _host = new();

    /// <summary>The host-level entries (no workspace could be named), most recent first.</summary>
    public IReadOnlyList<UnroutedIncident> Current => [.. _host.Values.OrderByDescending(i => i.LastSeenAt)];

    /// <summary>Leaves the trace of <paramref name="delivery"/>: log line, counter, and the incident of its workspace or the host.</summary>
    public async Task RecordAsync(UnroutedDelivery delivery, CancellationToken cancellationToken)
    {
        var key = Printable(delivery.Key);
        var scope = delivery.WorkspaceId is null ? "host" : "workspace";
        Count.Add(1,
            new KeyValuePair<string, object?>(TelemetryTags.Provider, delivery.Provider),
            new KeyValuePair<string, object?>(TelemetryTags.UnroutedReason, delivery.Reason),
            new KeyValuePair<string, object?>(TelemetryTags.UnroutedScope, scope));
        if (delivery.WorkspaceId is { } workspaceId)
        {
            Logs.Undeliverable(logger, delivery.Provider, workspaceId, delivery.Reason, key);
            await health.RecordUndeliverableAsync(workspaceId, key, delivery.Provider, delivery.Reason, cancellationToken);
            return;
        }
        Logs.Unrouted(logger, delivery.Provider, delivery.Reason, key);
        var now = time.GetUtcNow();
        var entry = (delivery.Provider, _host.Count >= MaxEntries && !_host.ContainsKey((delivery.Provider, key, delivery.Reason)) ? OtherKey : key, delivery.Reason);
        _host.AddOrUpdate(entry,
            k => new UnroutedIncident(k.Provider, k.Key, k.Reason, 1, now, now),
            (_, current) => current with { Count = current.Count + 1, LastSeenAt = now });
    }

    // Keys come from verified bodies but are still provider data: clipped, and anything but printable ASCII shown as '?'.
    private static string Printable(string key)
    {
        var clipped = key.Length > MaxKeyChars ? key[..MaxKeyChars] : key;
        return string.Create(clipped.Length, clipped, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= ' ' and <= '~' ? source[i] : '?';
            }
        });
    }
}
