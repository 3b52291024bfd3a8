using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Replay;

/// <summary>
/// A source reading the replay format from a JSON Lines file (UTF-8), in file order, in pages, streaming. Blank lines are
/// skipped; a line that cannot be read becomes a failure item, and reading goes on.
/// </summary>
/// <remarks>
/// A page's checkpoint names the file, its last line, the byte offset after it and a hash of the bytes before that offset:
/// <c>mailbox.jsonl#L200@51234~3f9a…</c>. With <paramref name="resume"/>, a run over a file of that name starts at the furthest
/// such offset whose bytes still hash the same (the file was appended to, not replaced) instead of reading every line again;
/// without it every line is read and what is recorded already is counted as such. A run with <c>--since</c> skips lines, so its
/// checkpoints carry no offset and nothing resumes from them.
/// </remarks>
/// <param name="path">The file.</param>
/// <param name="batchSize">Most lines in a page.</param>
/// <param name="maxLineChars">Longest line read; a longer one becomes a failure item.</param>
/// <param name="resume">Start after the file's furthest checkpoint that still matches it.</param>
/// <param name="maxBatchBytes">Most bytes of lines in a page: a page ends at whichever limit comes first, so pages of large lines stay small.</param>
public sealed class JsonLinesMessageSource(
    string path, int batchSize = 100, int maxLineChars = 64 * 1024 * 1024, bool resume = false, long maxBatchBytes = 8 * 1024 * 1024) : IMessageSource
{
    // The bytes hashed to recognise the file at a resume offset.
    private const int FingerprintBytes = 4096;

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
        var name = Path.GetFileName(path);
        var reader = new ReplayLineReader(name, workspace.WhatsApp?.DisplayNumber ?? "", maxLineChars);
        var (lineNumber, offset) = resume ? ResumePoint(states, name) : (0, 0L);
        using var file = new Utf8LineReader(path, offset, maxLineChars * 3L + 3);
        var items = new List<SourceItem>(batchSize);
        var batchStart = offset;
        while (await file.ReadAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            offset = line.EndOffset;
            if (line.Text is null)
            {
                items.Add(reader.Oversized(lineNumber, line.Bytes));
            }
            else if (string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }
            else
            {
                items.Add(reader.Read(line.Text, lineNumber));
            }
            if (items.Count == batchSize || offset - batchStart >= maxBatchBytes)
            {
                yield return Batch(items, lineNumber, since is null ? offset : null);
                items = new List<SourceItem>(batchSize);
                batchStart = offset;
            }
        }
        if (items.Count > 0)
        {
            yield return Batch(items, lineNumber, since is null ? offset : null);
        }
    }

    private SourceBatch Batch(List<SourceItem> items, int lastLine, long? endOffset)
    {
        var position = $"{Path.GetFileName(path)}#L{lastLine}";
        if (endOffset is { } end)
        {
            position += $"@{end.ToString(CultureInfo.InvariantCulture)}~{Fingerprint(end)}";
        }
        // One checkpoint per mailbox folder seen in the page: the file position and the last message read there.
        var checkpoints = items
            .Where(i => i.Message is not null)
            .GroupBy(i => (i.Message!.Mailbox, i.Message.Folder))
            .Select(g => new StreamCheckpoint(g.Key.Mailbox, g.Key.Folder, position, g.Last().Message!.ProviderMessageId))
            .ToList();
        return new SourceBatch(items, checkpoints);
    }

    // The furthest checkpoint of this file name whose fingerprint still matches; (0, 0) reads from the start.
    private (int Line, long Offset) ResumePoint(IReadOnlyList<ProcessingState> states, string name)
    {
        var length = new FileInfo(path).Length;
        var candidates = states
            .Select(s => ResumeCheckpoint.Parse(s.Checkpoint, name))
            .OfType<ResumeCheckpoint>()
            .Where(c => c.Offset <= length)
            .OrderByDescending(c => c.Offset);
        foreach (var candidate in candidates)
        {
            if (Fingerprint(candidate.Offset) == candidate.Fingerprint)
            {
                return (candidate.Line, candidate.Offset);
            }
        }
        return (0, 0);
    }

    private string Fingerprint(long end)
    {
        var start = Math.Max(0, end - FingerprintBytes);
        var bytes = new byte[end - start];
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var read = RandomAccess.Read(handle, bytes, start);
        return Convert.ToHexStringLower(SHA256.HashData(bytes.AsSpan(0, read)))[..16];
    }
}
