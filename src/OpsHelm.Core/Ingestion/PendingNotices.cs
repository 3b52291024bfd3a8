using OpsHelm.Core.Ports;

namespace OpsHelm.Core.Ingestion;

/// <summary>The recorded pushes that ask a run to pull: every pending one but Graph's lifecycle notices (those renew or recreate a subscription).</summary>
public static class PendingNotices
{
    private static readonly HashSet<string> LifecycleKinds = new(StringComparer.Ordinal) { "reauthorizationRequired", "subscriptionRemoved" };

    /// <summary>At most this many are looked at per run.</summary>
    public const int Limit = 500;

    /// <summary>The ids of <paramref name="workspaceId"/>'s pending pushes that ask for a pull, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(IPushInbox pushes, string workspaceId, CancellationToken cancellationToken) =>
        (await pushes.ListPendingAsync(workspaceId, Limit, cancellationToken))
            .Where(p => !LifecycleKinds.Contains(p.Kind))
            .Select(p => p.Id)
            .ToList();
}
