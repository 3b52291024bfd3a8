using System.Collections.Concurrent;

namespace OpsHelm.Connectors.Tests.Doubles;

/// <summary>The real clock, except that timers fire at once; the delays asked for are recorded (retry waits without waiting).</summary>
public sealed class InstantDelayTimeProvider : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
            dueTime = TimeSpan.Zero;
        }
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
