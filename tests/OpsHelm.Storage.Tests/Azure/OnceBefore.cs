using Azure.Core;
using Azure.Core.Pipeline;

namespace OpsHelm.Storage.Tests.Azure;

/// <summary>
/// An SDK pipeline policy that, before the first request <c>picks</c> chooses goes out, runs <c>interleave</c> to completion
/// (another writer's whole operation), so a race happens in a known order. Records the status of every request after it.
/// </summary>
internal sealed class OnceBefore(Func<Request, bool> picks, Func<Task> interleave) : HttpPipelinePolicy
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Method, Uri Uri, int Status)> _seen = new();
    private int _done;

    /// <summary>Method, URI and status of every request sent through the policy.</summary>
    public IReadOnlyList<(string Method, Uri Uri, int Status)> Seen => [.. _seen];

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (picks(message.Request) && Interlocked.Exchange(ref _done, 1) == 0)
        {
            await interleave();
        }
        await ProcessNextAsync(message, pipeline);
        _seen.Enqueue((message.Request.Method.Method, message.Request.Uri.ToUri(), message.Response.Status));
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
}
