using System.Net;

namespace OpsHelm.Storage.Tests.Azure;

/// <summary>
/// Stands in for the network failing: while armed, every request the predicate picks is answered 503 without reaching the
/// server (the process "crashed" before that write landed); everything else passes through.
/// </summary>
internal sealed class FailingWrites(Func<HttpRequestMessage, bool> picks) : DelegatingHandler
{
    private int _failed;

    public bool Armed { get; set; }

    public int Failed => _failed;

    /// <summary>Wraps <paramref name="inner"/> (the shape the store's handler hook wants).</summary>
    public HttpMessageHandler Wrap(HttpMessageHandler inner)
    {
        InnerHandler = inner;
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Armed && picks(request))
        {
            Interlocked.Increment(ref _failed);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent("{}") });
        }
        return base.SendAsync(request, cancellationToken);
    }
}
