namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>What the store asked of Cosmos: requests sent and the request units they were charged (thread-safe running totals).</summary>
public sealed class CosmosRequestCharges
{
    private readonly Lock _gate = new();
    private double _requestUnits;
    private long _requests;

    /// <summary>Request units charged so far (the sum of every response's <c>RequestCharge</c>).</summary>
    public double RequestUnits
    {
        get
        {
            lock (_gate)
            {
                return _requestUnits;
            }
        }
    }

    /// <summary>Requests sent so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    internal void Add(double requestCharge)
    {
        lock (_gate)
        {
            _requestUnits += requestCharge;
        }
        Interlocked.Increment(ref _requests);
    }
}
