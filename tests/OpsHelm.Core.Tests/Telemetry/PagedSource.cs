using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Tests.Telemetry;

/// <summary>A source handing out fixed pages, each read inside a "source.read" span as a provider call would be; optionally failing after some pages.</summary>
internal sealed class PagedSource(IReadOnlyList<IReadOnlyList<InboundMessage>> pages, int? failAfterPages = null) : IMessageSource
{
    public string Description => "fixed pages";

    public async IAsyncEnumerable<SourceBatch> ReadAsync(WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = 0;
        for (var page = 0; page < pages.Count; page++)
        {
            using (TelemetryCapture.StartSourceCall("source.read"))
            {
                await Task.Yield();
                if (page == failAfterPages)
                {
                    throw new InvalidOperationException("the provider answered 503 three times");
                }
            }
            var items = pages[page].Select(m => new SourceItem(++position, m)).ToList();
            yield return new SourceBatch(items, [new StreamCheckpoint(Pipeline.Messages.Mailbox, "inbox", $"page-{page + 1}", items[^1].Message!.ProviderMessageId)]);
        }
    }
}
