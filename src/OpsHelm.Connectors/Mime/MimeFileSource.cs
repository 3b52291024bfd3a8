using System.Runtime.CompilerServices;
using MimeKit;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Mime;

/// <summary>
/// A source reading raw mail from disk: one <c>.eml</c> file, a folder of <c>.eml</c> files (in file-name order) or an
/// <c>.mbox</c> file (in file order). Messages belong to the workspace's first mailbox; those in a Sent export (a file or
/// folder named Sent…, or Gmail's <c>X-Gmail-Labels: Sent</c>) go to its Sent folder. A message that cannot be read becomes
/// a failure item naming the file and position, and reading goes on. An mbox's checkpoint is the byte offset of the
/// last message of each page (with its index), so a second ingest of the same file starts after it.
/// </summary>
public sealed class MimeFileSource(string path, int batchSize = 100, MimeLimits? limits = null) : IMessageSource
{
    private readonly MimeLimits _limits = limits ?? MimeLimits.Default;

    /// <summary>True when <paramref name="path"/> is raw mail this source reads: a folder, an .eml or an .mbox file.</summary>
    public static bool Handles(string path) =>
        Directory.Exists(path)
        || path.EndsWith(".eml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".mbox", StringComparison.OrdinalIgnoreCase);

    /// <summary>The state folder an mbox's byte-offset checkpoint is stored under.</summary>
    public static string StreamFolderOf(string mboxPath) => "mbox:" + Path.GetFileName(mboxPath);

    /// <inheritdoc />
    public string Description => path;

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceBatch> ReadAsync(
        WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var mailbox = workspace.Mailboxes.FirstOrDefault()?.Address ?? "";
        if (Directory.Exists(path))
        {
            var folder = FolderOfExport(Path.GetFileName(Path.TrimEndingDirectorySeparator(path)));
            var files = Directory.EnumerateFiles(path)
                .Where(f => f.EndsWith(".eml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            foreach (var chunk in files.Select((file, i) => (file, i)).Chunk(batchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var items = chunk.Select(f => ReadEml(f.file, f.i + 1, mailbox, folder)).ToList();
                yield return new SourceBatch(items, []);
                await Task.Yield();
            }
            yield break;
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"source file not found: {path}", path);
        }
        if (path.EndsWith(".mbox", StringComparison.OrdinalIgnoreCase))
        {
            var state = states.FirstOrDefault(s => s.Mailbox.Equals(mailbox, StringComparison.OrdinalIgnoreCase) && s.Folder == StreamFolderOf(path));
            await foreach (var batch in new MboxReader(path, mailbox, FolderOfExport(Path.GetFileNameWithoutExtension(path)), batchSize, _limits)
                .ReadAsync(state?.Checkpoint, cancellationToken))
            {
                yield return batch;
            }
            yield break;
        }
        yield return new SourceBatch([ReadEml(path, 1, mailbox, FolderOfExport(Path.GetFileName(Path.GetDirectoryName(path)) ?? ""))], []);
    }

    private SourceItem ReadEml(string file, int position, string mailbox, string folder)
    {
        var origin = new RawMailOrigin(Path.GetFileName(file), 1, IsMbox: false);
        try
        {
            var info = new FileInfo(file);
            if (info.Length > _limits.MaxMessageBytes)
            {
                return Failure(origin, position, $"the file is {info.Length} bytes, over the {_limits.MaxMessageBytes}-byte limit");
            }
            using var stream = info.OpenRead();
            var mime = MimeMessage.Load(ParserOptionsFor(_limits), stream);
            var message = MimeMessageMapper.Map(mime, mailbox, FolderOf(mime, folder), origin.FallbackId,
                receivedAt: null, _limits, fileTime: new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
            return new SourceItem(position, message) { Origin = origin.Display };
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Hostile or broken mail must not end the run: anything MimeKit or the mapper throws is this item's failure.
            return Failure(origin, position, ex is FormatException ? $"not a MIME message ({ex.Message})" : ex.Message);
        }
    }

    /// <summary>The failure item of the message at <paramref name="origin"/>.</summary>
    internal static SourceItem Failure(RawMailOrigin origin, int position, string why) =>
        new(position, null, $"{origin.Display}: {why}", origin.FallbackId) { Origin = origin.Display, FailureId = origin.FallbackId };

    /// <summary>The parser options every raw-mail reader uses: bounded nesting, and the legacy code pages registered.</summary>
    internal static ParserOptions ParserOptionsFor(MimeLimits limits)
    {
        MimeEncodings.EnsureRegistered();
        return new ParserOptions
        {
            MaxMimeDepth = limits.MaxMimeDepth,
            MaxAddressGroupDepth = 3,
        };
    }

    /// <summary>sentitems for a message Gmail labelled Sent, otherwise the export's folder.</summary>
    internal static string FolderOf(MimeMessage mime, string exportFolder)
    {
        var labels = mime.Headers["X-Gmail-Labels"];
        if (labels is not null && labels.Split(',').Any(l => l.Trim().Equals("Sent", StringComparison.OrdinalIgnoreCase)))
        {
            return "sentitems";
        }
        return exportFolder;
    }

    /// <summary>sentitems for an export named like a Sent folder (Sent, Sent Items, Sent Messages, Sent Mail), otherwise inbox.</summary>
    internal static string FolderOfExport(string name) =>
        name.Trim().ToLowerInvariant() is "sent" or "sent items" or "sent messages" or "sent mail" or "sentitems" ? "sentitems" : "inbox";
}
