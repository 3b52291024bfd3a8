using OpsHelm.Core.Sources;

namespace OpsHelm.Core.Ports;

/// <summary>Durable record of verified pushes: a webhook acknowledges only after <see cref="AddAsync"/> returned.</summary>
public interface IPushInbox
{
    /// <summary>Records a push; false when one with its id is already recorded (a redelivery).</summary>
    Task<bool> AddAsync(PushNotice notice, CancellationToken cancellationToken);

    /// <summary>Pushes of the workspace still Pending, oldest first.</summary>
    Task<IReadOnlyList<PushNotice>> ListPendingAsync(string workspaceId, int limit, CancellationToken cancellationToken);

    /// <summary>Marks a push Done once the pull it asked for is recorded.</summary>
    Task MarkDoneAsync(string workspaceId, string noticeId, CancellationToken cancellationToken);
}
