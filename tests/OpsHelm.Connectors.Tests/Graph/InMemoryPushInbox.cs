using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Graph;

/// <summary>The push inbox in memory (the SQLite store is another helper's): one notice per id.</summary>
public sealed class InMemoryPushInbox : IPushInbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), PushNotice> _notices = [];

    public IReadOnlyList<PushNotice> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _notices.Values];
            }
        }
    }

    public Task<bool> AddAsync(PushNotice notice, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_notices.TryAdd((notice.WorkspaceId, notice.Id), notice));
        }
    }

    public Task<IReadOnlyList<PushNotice>> ListPendingAsync(string workspaceId, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PushNotice>>([.. _notices.Values
                .Where(n => n.WorkspaceId == workspaceId && n.Status == "Pending").OrderBy(n => n.ReceivedAt).Take(limit)]);
        }
    }

    public Task MarkDoneAsync(string workspaceId, string noticeId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_notices.TryGetValue((workspaceId, noticeId), out var notice))
            {
                _notices[(workspaceId, noticeId)] = notice with { Status = "Done" };
            }
        }
        return Task.CompletedTask;
    }
}
