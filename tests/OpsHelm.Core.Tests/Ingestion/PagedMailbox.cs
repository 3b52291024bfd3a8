using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Tests.Ingestion;

/// <summary>
/// A provider mailbox paged like a delta query: the checkpoint <c>page-N</c> says N pages were read, so a read from a
/// cursor goes on after it, and pages added later (new mail) are read by the next run. Counts its reads.
/// </summary>
internal sealed class PagedMailbox(string mailbox) : IMessageSource
{
    private readonly List<IReadOnlyList<InboundMessage>> _pages = [];
    private int _reads;

    public string Description => "a paged mailbox";

    public int Reads => _reads;

    /// <summary>Invoked before each page is handed out (a test pauses the pull here).</summary>
    public Func<int, Task>? BeforePage { get; set; }

    public void AddPage(IReadOnlyList<InboundMessage> messages)
    {
        lock (_pages)
        {
            _pages.Add(messages);
        }
    }

    public async IAsyncEnumerable<SourceBatch> ReadAsync(WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        var checkpoint = states.FirstOrDefault(s => s.Mailbox == mailbox && s.Folder == "inbox")?.Checkpoint;
        var next = checkpoint is null ? 0 : int.Parse(checkpoint["page-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        while (true)
        {
            IReadOnlyList<InboundMessage> page;
            lock (_pages)
            {
                if (next >= _pages.Count)
                {
                    yield break;
                }
                page = _pages[next];
            }
            if (BeforePage is { } before)
            {
                await before(next);
            }
            await Task.Yield();
            next++;
            var items = page.Select((m, i) => new SourceItem(i + 1, m)).ToList();
            yield return new SourceBatch(items, [new StreamCheckpoint(mailbox, "inbox", $"page-{next}", page.LastOrDefault()?.ProviderMessageId)]);
        }
    }
}
