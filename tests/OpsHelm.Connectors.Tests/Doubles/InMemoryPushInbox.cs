using System.Collections.Concurrent;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Doubles;

/// <summary>The push inbox in memory: add-once by id, pending oldest first, mark done.</summary>
internal sealed class InMemoryPushInbox : IPushInbox
{
    private readonly ConcurrentDictionary<string, PushNotice> _notices = new();
    private long _order;
    private readonly ConcurrentDictionary<string, long> _orderOf = new();

    public IReadOnlyList<PushNotice> All => _notices.Values.OrderBy(n => _orderOf[n.Id]).ToList();

    public Task<bool> AddAsync(PushNotice notice, CancellationToken cancellationToken)
    {
        var added = _notices.TryAdd(notice.Id, notice);
        if (added)
        {
            _orderOf[notice.Id] = Interlocked.Increment(ref _order);
        }
        return Task.FromResult(added);
    }

    public Task<IReadOnlyList<PushNotice>> ListPendingAsync(string workspaceId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PushNotice>>(All.Where(n => n.WorkspaceId == workspaceId && n.Status == "Pending").Take(limit).ToList());

    public Task MarkDoneAsync(string workspaceId, string noticeId, CancellationToken cancellationToken)
    {
        if (_notices.TryGetValue(noticeId, out var notice) && notice.WorkspaceId == workspaceId)
        {
            _notices[noticeId] = notice with { Status = "Done" };
        }
        return Task.CompletedTask;
    }
}
