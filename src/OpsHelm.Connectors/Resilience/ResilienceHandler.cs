using Polly;

namespace OpsHelm.Connectors.Resilience;

/// <summary>An HTTP middleware that sends each request through a Polly pipeline (the retries of <see cref="RetryAfterPipeline"/>).</summary>
public sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            // A retry sends the same body again; buffered content can be read more than once.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }
        return await pipeline.ExecuteAsync(
            static async (state, token) => await state.Handler.BaseSendAsync(state.Request, token),
            (Handler: this, Request: request),
            cancellationToken);
    }

    private Task<HttpResponseMessage> BaseSendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
