using System.Globalization;
using System.Runtime.CompilerServices;
using MimeKit;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;

namespace OpsHelm.Connectors.Mime;

/// <summary>
/// Reads an mbox file with MimeKit's mbox parser, message by message, in pages. Each page's checkpoint is the byte offset
/// of its last message's <c>From </c> line and that message's index (<c>offset#index</c>); reading after a checkpoint
/// seeks there and skips that message. A file that
/// does not hold mbox data (or whose rest cannot be framed) ends with one failure item naming the position.
/// </summary>
internal sealed class MboxReader(string path, string mailbox, string exportFolder, int batchSize, MimeLimits limits)
{
    private static readonly string[] MarkerDateFormats = ["ddd MMM d HH:mm:ss yyyy", "ddd MMM dd HH:mm:ss yyyy"];

    /// <summary>The pages of the file, after the message a <paramref name="checkpoint"/> names, when given.</summary>
    public async IAsyncEnumerable<SourceBatch> ReadAsync(string? checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(path);
        var streamFolder = MimeFileSource.StreamFolderOf(path);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        var skipFirst = false;
        var index = 0;
        if (ParseCheckpoint(checkpoint) is { } resume && StartsWithMarker(stream, resume.Offset))
        {
            stream.Position = resume.Offset;
            index = resume.Index - 1;
            skipFirst = true;
        }
        else
        {
            // No checkpoint, or the file was replaced since: read it from the start (recorded messages are skipped by key).
            stream.Position = 0;
        }
        var parser = new MimeParser(MimeFileSource.ParserOptionsFor(limits), stream, MimeFormat.Mbox, persistent: false);
        var items = new List<SourceItem>(batchSize);
        long lastOffset = -1;
        var lastIndex = 0;
        while (!parser.IsEndOfStream)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index++;
            MimeMessage mime;
            long markerOffset;
            try
            {
                mime = await parser.ParseMessageAsync(cancellationToken);
                markerOffset = parser.MboxMarkerOffset;
            }
            catch (FormatException ex)
            {
                // MimeKit could not find the next From line: nothing after this point can be framed.
                var at = stream.Position;
                items.Add(MimeFileSource.Failure(new RawMailOrigin(fileName, index, IsMbox: true, at), index, $"not mbox data from byte {at} on ({ex.Message})"));
                break;
            }
            if (skipFirst)
            {
                skipFirst = false;
                continue;
            }
            lastOffset = markerOffset;
            lastIndex = index;
            items.Add(Item(mime, new RawMailOrigin(fileName, index, IsMbox: true, markerOffset), index, parser.MboxMarker, parser.Position - markerOffset));
            if (items.Count == batchSize)
            {
                yield return Page(items, streamFolder, lastOffset, lastIndex);
                items = new List<SourceItem>(batchSize);
            }
        }
        if (items.Count > 0)
        {
            yield return Page(items, streamFolder, lastOffset, lastIndex);
        }
    }

    private SourceItem Item(MimeMessage mime, RawMailOrigin origin, int position, string? marker, long size)
    {
        if (size > limits.MaxMessageBytes)
        {
            return MimeFileSource.Failure(origin, position, $"the message is {size} bytes, over the {limits.MaxMessageBytes}-byte limit");
        }
        try
        {
            var message = MimeMessageMapper.Map(mime, mailbox, MimeFileSource.FolderOf(mime, exportFolder), origin.FallbackId, MarkerDate(marker), limits);
            return new SourceItem(position, message) { Origin = origin.Display };
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return MimeFileSource.Failure(origin, position, ex.Message);
        }
    }

    private SourceBatch Page(List<SourceItem> items, string streamFolder, long lastOffset, int lastIndex)
    {
        var lastId = items.LastOrDefault(i => i.Message is not null)?.Message!.ProviderMessageId;
        IReadOnlyList<StreamCheckpoint> checkpoints = lastOffset < 0
            ? []
            : [new StreamCheckpoint(mailbox, streamFolder, string.Create(CultureInfo.InvariantCulture, $"{lastOffset}#{lastIndex}"), lastId)];
        return new SourceBatch(items, checkpoints);
    }

    /// <summary>The byte offset and index of an <c>offset#index</c> checkpoint (a bare offset counts as index 1).</summary>
    internal static (long Offset, int Index)? ParseCheckpoint(string? checkpoint)
    {
        if (string.IsNullOrEmpty(checkpoint))
        {
            return null;
        }
        var hash = checkpoint.IndexOf('#');
        var offsetText = hash < 0 ? checkpoint : checkpoint[..hash];
        var indexText = hash < 0 ? "1" : checkpoint[(hash + 1)..];
        return long.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            && int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index > 0
            ? (offset, index)
            : null;
    }

    private static bool StartsWithMarker(FileStream stream, long offset)
    {
        if (offset < 0 || offset + 5 > stream.Length)
        {
            return false;
        }
        stream.Position = offset;
        Span<byte> head = stackalloc byte[5];
        stream.ReadExactly(head);
        return head.SequenceEqual("From "u8);
    }

    // "From sender@example.com Fri Jul  8 12:08:34 2011": the mbox writer's delivery time (asctime, UTC by convention).
    private static DateTimeOffset? MarkerDate(string? marker)
    {
        if (marker is null || marker.Length > 1_000)
        {
            return null;
        }
        var words = marker.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 6)
        {
            return null;
        }
        var text = string.Join(' ', words[^5..]);
        return DateTimeOffset.TryParseExact(text, MarkerDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }
}
