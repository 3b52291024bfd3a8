using System.Threading.Channels;

namespace OpsHelm.Api.Work;

/// <summary>Wakes idle workers when items were enqueued, and the pull coordinator when a push was recorded; polling covers a missed wake-up.</summary>
public sealed class WorkSignal
{
    private readonly Channel<bool> _work = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<bool> _pushes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Items were enqueued.</summary>
    public void WorkEnqueued() => _work.Writer.TryWrite(true);

    /// <summary>A push was recorded.</summary>
    public void PushRecorded() => _pushes.Writer.TryWrite(true);

    /// <summary>Waits until items were enqueued or <paramref name="timeout"/> passed.</summary>
    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => WaitAsync(_work, timeout, cancellationToken);

    /// <summary>Waits until a push was recorded or <paramref name="timeout"/> passed.</summary>
    public Task WaitForPushAsync(TimeSpan timeout, CancellationToken cancellationToken) => WaitAsync(_pushes, timeout, cancellationToken);

    private static async Task WaitAsync(Channel<bool> channel, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await channel.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: poll.
        }
    }
}
