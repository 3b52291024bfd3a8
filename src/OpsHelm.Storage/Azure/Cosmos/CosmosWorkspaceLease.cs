namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// A held workspace lease: renewed on a timer with a replace conditioned on the last ETag (a 412 means it was lost — it lapsed
/// and another holder took it — and renewing stops); disposing deletes it only if it still carries our ETag.
/// </summary>
internal sealed class CosmosWorkspaceLease : IAsyncDisposable
{
    private readonly DocumentContainer _records;
    private readonly TimeProvider _time;
    private readonly CosmosStoreOptions _options;
    private readonly ITimer _renewal;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _etag;
    private bool _released;

    public CosmosWorkspaceLease(DocumentContainer records, TimeProvider time, CosmosStoreOptions options, string workspaceId, string holder, string etag)
    {
        _records = records;
        _time = time;
        _options = options;
        WorkspaceId = workspaceId;
        Holder = holder;
        _etag = etag;
        AcquiredAt = time.GetUtcNow();
        _renewal = time.CreateTimer(_ => _ = RenewAsync(), null, options.LeaseRenewEvery, options.LeaseRenewEvery);
    }

    /// <summary>The workspace held.</summary>
    public string WorkspaceId { get; }

    /// <summary>This acquisition's holder id.</summary>
    public string Holder { get; }

    /// <summary>When it was taken.</summary>
    public DateTimeOffset AcquiredAt { get; }

    /// <summary>False once a renewal found the lease taken by another holder.</summary>
    public bool Held => _etag is not null;

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_released)
            {
                return;
            }
            _released = true;
            await _renewal.DisposeAsync();
            if (_etag is { } etag)
            {
                await _records.DeleteAsync(WorkspaceId, LeaseBody.DocumentId, etag, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The lease lapses at its expiry (and its TTL removes the document).
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Pushes the expiry forward once; false when the lease is no longer ours.</summary>
    internal async Task<bool> RenewAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_released || _etag is null)
            {
                return false;
            }
            var now = _time.GetUtcNow();
            var body = new LeaseBody(Holder, AcquiredAt, now + _options.LeaseTtl);
            _etag = await _records.ReplaceAsync(body.ToDocument(WorkspaceId, _options), _etag, CancellationToken.None);
            return _etag is not null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failed renewal is retried at the next tick; the lease's TTL covers a few missed renewals.
            return _etag is not null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
