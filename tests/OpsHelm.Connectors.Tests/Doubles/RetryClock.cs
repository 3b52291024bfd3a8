using System.Collections.Concurrent;

namespace OpsHelm.Connectors.Tests.Doubles;

/// <summary>
/// The <see cref="FakeTimeProvider"/> a provider's retry pipeline waits on, and the retries it announced through its onRetry
/// hook (<see cref="OnRetry"/>). A call run through <see cref="RunAsync{T}"/> has the clock advanced by each wait it announces,
/// so a 30-second Retry-After neither takes 30 seconds nor goes unwaited.
/// </summary>
internal sealed class RetryClock(FakeTimeProvider time)
{
    // Polly announces a retry just before it sets the wait's timer: the clock moves once an announcement has stood this long.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(20);

    // A call still running this long after its last announced wait passed may have set its timer after the clock moved
    // (its thread paused between the announcement and the timer): that wait is passed once more.
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(5);

    private readonly ConcurrentQueue<(int? Status, TimeSpan Delay)> _retries = new();

    /// <summary>The clock the pipeline waits on.</summary>
    public FakeTimeProvider Time => time;

    /// <summary>Every retry announced, in order: the status retried (null after a network failure) and the wait before the next attempt.</summary>
    public IReadOnlyList<(int? Status, TimeSpan Delay)> Retries => [.. _retries];

    /// <summary>The pipeline's onRetry hook.</summary>
    public void OnRetry(int? status, TimeSpan delay) => _retries.Enqueue((status, delay));

    /// <summary>Runs <paramref name="call"/> to its end, advancing the clock by each wait it announces on the way.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        var start = _retries.Count;
        var (passed, seen) = (start, start);
        var (stalled, passedAgain) = (TimeSpan.Zero, false);
        var task = call();
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(Settle));
            var retries = Retries;
            if (passed < seen)
            {
                time.Advance(retries[passed++].Delay);
                (stalled, passedAgain) = (TimeSpan.Zero, false);
            }
            else if (passed > start && passed == retries.Count && !passedAgain && (stalled += Settle) >= Stall)
            {
                time.Advance(retries[passed - 1].Delay);
                passedAgain = true;
            }
            seen = retries.Count;
        }
        return await task;
    }

    /// <summary>Runs <paramref name="call"/> to its end, advancing the clock by each wait it announces on the way.</summary>
    public Task RunAsync(Func<Task> call) => RunAsync(async () =>
    {
        await call();
        return true;
    });
}
