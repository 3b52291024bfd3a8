namespace OpsHelm.Storage.Embedded;

/// <summary>Timing of the embedded workspace lock.</summary>
/// <param name="LeaseTtl">How long a lease lasts unless renewed; a crashed holder blocks the workspace at most this long.</param>
/// <param name="RenewEvery">How often a live holder pushes its lease's expiry forward; well below <paramref name="LeaseTtl"/>.</param>
/// <param name="PollEvery">How often a waiting acquirer looks again.</param>
internal sealed record WorkspaceLockOptions(TimeSpan LeaseTtl, TimeSpan RenewEvery, TimeSpan PollEvery)
{
    /// <summary>A two-minute lease renewed every 30 seconds, polled every 200 ms.</summary>
    public static WorkspaceLockOptions Default { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
}
