using System.Runtime.CompilerServices;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Runs;

/// <summary>The messages a provider lists that were not recorded, fetched through its inventory; it moves no checkpoint.</summary>
internal sealed class MissingMessagesSource(IMessageInventory inventory, IReadOnlyDictionary<string, IReadOnlyList<string>> missingByMailbox, int pageSize) : IMessageSource
{
    public string Description => $"reconciliation of {missingByMailbox.Values.Sum(ids => ids.Count)} missing messages";

    public async IAsyncEnumerable<SourceBatch> ReadAsync(WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var mailbox in workspace.Mailboxes)
        {
            if (!missingByMailbox.TryGetValue(mailbox.Address, out var missing) || missing.Count == 0)
            {
                continue;
            }
            foreach (var chunk in missing.Chunk(pageSize))
            {
                var items = new List<Messages.SourceItem>(chunk.Length);
                await foreach (var item in inventory.FetchAsync(workspace, mailbox, chunk, cancellationToken))
                {
                    items.Add(item);
                }
                yield return new SourceBatch(items, []);
            }
        }
    }
}
