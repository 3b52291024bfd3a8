namespace OpsHelm.Connectors.Tests.Graph;

/// <summary>
/// A clock the test sets and advances. Timers (the waits of Polly's retries) complete at once: the wait is recorded and
/// the clock moved on, so a test of a 30-second Retry-After neither takes 30 seconds nor loses what was waited.
/// </summary>
public sealed class FakeTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _waits = [];
    private DateTimeOffset _now = now;

    /// <summary>Every timer wait asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_gate)
            {
                return [.. _waits];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _waits.Add(dueTime);
                _now += dueTime;
            }
            // Fired after CreateTimer returned, as a real timer would be.
            _ = Task.Delay(1).ContinueWith(_ => callback(state), TaskScheduler.Default);
        }
        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
