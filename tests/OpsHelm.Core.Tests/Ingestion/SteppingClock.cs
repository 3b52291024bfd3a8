namespace OpsHelm.Core.Tests.Ingestion;

/// <summary>A clock whose every reading is one millisecond after the last, so runs started one after another sort by their start.</summary>
internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
