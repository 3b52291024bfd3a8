namespace OpsHelm.Storage.Tests;

/// <summary>Drives the library's fake clock while a task waits on it (a lock's poll, a lease's timer).</summary>
internal static class ClockDriving
{
    /// <summary>Advances <paramref name="time"/> by <paramref name="step"/> until <paramref name="task"/> completes, then returns its result.</summary>
    public static async Task<T> AdvancingAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(step);
            await Task.WhenAny(task, Task.Delay(5));
        }
        return await task;
    }
}
