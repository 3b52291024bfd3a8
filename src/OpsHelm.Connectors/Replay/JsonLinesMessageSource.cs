using System.Runtime.CompilerServices;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Replay;

/// <summary>
/// A source reading the replay format from a JSON Lines file, in file order, in pages. Blank lines are skipped; a line
/// that cannot be read becomes a failure item, and reading goes on.
/// </summary>
public sealed class JsonLinesMessageSource(string path, int batchSize = 100, int maxLineChars = 64 * 1024 * 1024) : IMessageSource
{
    /// <inheritdoc />
    public string Description => path;

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceBatch> ReadAsync(
        WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"source file not found: {path}", path);
        }
        var reader = new ReplayLineReader(Path.GetFileName(path), workspace.WhatsApp?.DisplayNumber ?? "", maxLineChars);
        using var file = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var items = new List<SourceItem>(batchSize);
        var lineNumber = 0;
        while (await file.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            items.Add(reader.Read(line, lineNumber));
            if (items.Count == batchSize)
            {
                yield return Batch(items, lineNumber);
                items = new List<SourceItem>(batchSize);
            }
        }
        if (items.Count > 0)
        {
            yield return Batch(items, lineNumber);
        }
    }

    private SourceBatch Batch(List<SourceItem> items, int lastLine)
    {
        // One checkpoint per mailbox folder seen in the page: the file position and the last message read there.
        var checkpoints = items
            .Where(i => i.Message is not null)
            .GroupBy(i => (i.Message!.Mailbox, i.Message.Folder))
            .Select(g => new StreamCheckpoint(g.Key.Mailbox, g.Key.Folder, $"{Path.GetFileName(path)}#L{lastLine}", g.Last().Message!.ProviderMessageId))
            .ToList();
        return new SourceBatch(items, checkpoints);
    }
}
