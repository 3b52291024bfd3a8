using System.Globalization;
using OpsHelm.Core.Ports;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// A lease document per workspace (<c>lease:workspace</c> in its partition). Taking it is a create (409 when held) or, once the
/// holder's lease has expired, a replace conditioned on the ETag read (412 when another taker won). The document carries a TTL
/// a little past the lease, so a crashed holder's lease also disappears from the container; expiry itself is decided by the
/// <c>expiresAt</c> it holds, read with the injected clock, not by TTL (which the emulator does not run).
/// </summary>
internal sealed class CosmosWorkspaceLock(DocumentContainer records, TimeProvider time, CosmosStoreOptions options) : IWorkspaceLock
{
    public async Task<IAsyncDisposable> AcquireAsync(string workspaceId, TimeSpan wait, CancellationToken cancellationToken)
    {
        WorkspaceRegistry.Check(workspaceId);
        var holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():n}";
        var started = time.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (etag, current) = await TryTakeAsync(workspaceId, holder, cancellationToken);
            if (etag is not null)
            {
                return new CosmosWorkspaceLease(records, time, options, workspaceId, holder, etag);
            }
            var waited = time.GetElapsedTime(started);
            if (waited >= wait)
            {
                throw new WorkspaceBusyException(BusyMessage(workspaceId, current, wait));
            }
            var pause = wait - waited < options.LeasePollEvery ? wait - waited : options.LeasePollEvery;
            await Task.Delay(pause, time, cancellationToken);
        }
    }

    // The new ETag when the lease is now ours; otherwise the lease that keeps us out (null when a race was lost).
    private async Task<(string? ETag, LeaseBody? Current)> TryTakeAsync(string workspaceId, string holder, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var existing = await records.ReadAsync(workspaceId, LeaseBody.DocumentId, cancellationToken);
        var body = new LeaseBody(holder, now, now + options.LeaseTtl);
        if (existing is null)
        {
            return await records.CreateAsync(body.ToDocument(workspaceId, options), cancellationToken)
                ? (await ReadETagAsync(workspaceId, holder, cancellationToken), null)
                : (null, null);
        }
        var current = LeaseBody.From(existing);
        if (current.Holder != holder && current.ExpiresAt > now)
        {
            return (null, current);
        }
        return (await records.ReplaceAsync(body.ToDocument(workspaceId, options), existing.ETag!, cancellationToken), current);
    }

    // Creates are sent without the content echoed back; the ETag comes from a read that also confirms the holder.
    private async Task<string?> ReadETagAsync(string workspaceId, string holder, CancellationToken cancellationToken) =>
        await records.ReadAsync(workspaceId, LeaseBody.DocumentId, cancellationToken) is { } document && LeaseBody.From(document).Holder == holder
            ? document.ETag
            : null;

    private static string BusyMessage(string workspaceId, LeaseBody? lease, TimeSpan wait) => lease is null
        ? string.Create(CultureInfo.InvariantCulture, $"Workspace '{workspaceId}' is busy: another run took it first; gave up after waiting {wait.TotalSeconds:0.#} s.")
        : string.Create(CultureInfo.InvariantCulture,
            $"Workspace '{workspaceId}' is busy: another run ({lease.Holder}) has held it since {lease.AcquiredAt:yyyy-MM-dd HH:mm:ss} UTC " +
            $"and its lease runs until {lease.ExpiresAt:yyyy-MM-dd HH:mm:ss} UTC unless renewed; gave up after waiting {wait.TotalSeconds:0.#} s.");
}
