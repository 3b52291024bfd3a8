using Azure.Core;
using Azure.Core.Pipeline;

namespace OpsHelm.Storage.Azure;

/// <summary>Counts the requests an Azure SDK client sends, retries included (added per retry, so each attempt counts).</summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _sent;

    /// <summary>Requests sent so far.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _sent);
}
