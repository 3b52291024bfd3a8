using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Embedded;

/// <summary>
/// Attachment bytes under <c>&lt;root&gt;/&lt;workspace&gt;/&lt;sha256(eventKey)[..16]&gt;/&lt;safe name&gt;</c>, metadata in the
/// <c>attachments</c> table. Names are untrusted: only <see cref="AttachmentPolicy.SafeName"/> reaches the disk, and every
/// path is checked to stay under the root. Writes are atomic (temp file + rename) and idempotent: the same content of the
/// same message gets the same id and is written once.
/// </summary>
internal sealed partial class FileAttachmentStore(string root, SqliteDatabase database, TimeProvider time) : IAttachmentStore
{
    // Leaves room under the usual 255-byte file name limit for the temp file's prefix and suffix.
    private const int MaxNameBytes = 180;

    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;

    /// <summary>The attachments folder, ending with a directory separator.</summary>
    public string Root => _root;

    public async Task<string> SaveAsync(string workspaceId, string eventKey, InboundAttachment attachment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentException.ThrowIfNullOrEmpty(eventKey);
        ArgumentNullException.ThrowIfNull(attachment);

        var name = FitName(AttachmentPolicy.SafeName(attachment.Name));
        var content = attachment.Content;
        var sha256 = content is null ? null : Convert.ToHexStringLower(SHA256.HashData(content));
        var id = StableId.Of("attachment", workspaceId, eventKey, name, sha256);
        if (content is null)
        {
            await SaveMetadataAsync(new StoredAttachment(id, workspaceId, eventKey, name, attachment.ContentType, attachment.Size, null, null), cancellationToken);
            return id;
        }

        var known = await FindStoredAsync(workspaceId, id, cancellationToken);
        if (known?.RelativePath is { } knownPath && File.Exists(FullPath(knownPath)) && new FileInfo(FullPath(knownPath)).Length == content.LongLength)
        {
            return id;
        }
        var folder = WorkspaceFolder(workspaceId) + "/" + Hex16(eventKey);
        var relative = folder + "/" + name;
        if (await IsClaimedByAnotherAsync(workspaceId, id, relative, cancellationToken))
        {
            // Another attachment of the message has this name: keep both, this one under a content-derived name.
            relative = folder + "/" + Path.GetFileNameWithoutExtension(name) + "-" + sha256![..8] + Path.GetExtension(name);
        }
        WriteAtomically(FullPath(relative), content, database.CurrentPage, cancellationToken);
        await SaveMetadataAsync(new StoredAttachment(id, workspaceId, eventKey, name, attachment.ContentType, content.LongLength, sha256, relative), cancellationToken);
        return id;
    }

    public async Task<AttachmentInfo?> FindAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken) =>
        await FindStoredAsync(workspaceId, attachmentId, cancellationToken) is { } stored
            ? new AttachmentInfo(stored.Id, stored.WorkspaceId, stored.EventKey, stored.Name, stored.ContentType, stored.Size, stored.Sha256)
            : null;

    public async Task<byte[]?> ReadAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken)
    {
        if (await FindStoredAsync(workspaceId, attachmentId, cancellationToken) is not { RelativePath: { } relative, Sha256: { } expected })
        {
            return null;
        }
        var path = FullPath(relative);
        if (!File.Exists(path))
        {
            return null;
        }
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        return actual == expected
            ? content
            : throw new InvalidDataException($"Attachment '{attachmentId}' of workspace '{workspaceId}' does not match its stored hash.");
    }

    // The embedded store has no links of its own: the app serves the bytes.
    public Task<Uri?> CreateReadLinkAsync(string workspaceId, string attachmentId, TimeSpan lifetime, CancellationToken cancellationToken) =>
        Task.FromResult<Uri?>(null);

    /// <summary>The metadata of attachment <paramref name="attachmentId"/> of the workspace, or null.</summary>
    public async Task<StoredAttachment?> FindStoredAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(cancellationToken);
        var command = lease.Statement("""
            SELECT attachment_id, workspace_id, event_key, name, content_type, size, sha256, relative_path
            FROM attachments WHERE workspace_id = $ws AND attachment_id = $id;
            """)
            .With("$ws", workspaceId)
            .With("$id", attachmentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new StoredAttachment(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7));
    }

    /// <summary>The full path of a stored relative path; throws when it would leave the root.</summary>
    public string FullPath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(_root, relativePath));
        if (!full.StartsWith(_root, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Attachment path '{relativePath}' resolves outside the attachments folder.");
        }
        return full;
    }

    private async Task<bool> IsClaimedByAnotherAsync(string workspaceId, string id, string relative, CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(cancellationToken);
        var command = lease.Statement("""
            SELECT EXISTS (SELECT 1 FROM attachments WHERE workspace_id = $ws AND relative_path = $path AND attachment_id <> $id);
            """)
            .With("$ws", workspaceId)
            .With("$path", relative)
            .With("$id", id);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    private async Task SaveMetadataAsync(StoredAttachment attachment, CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(cancellationToken);
        var command = lease.Statement("""
            INSERT INTO attachments (workspace_id, attachment_id, event_key, name, content_type, size, sha256, relative_path, stored_at)
            VALUES ($ws, $id, $event, $name, $type, $size, $sha, $path, $at)
            ON CONFLICT (workspace_id, attachment_id) DO UPDATE SET
                content_type = excluded.content_type, size = excluded.size, sha256 = excluded.sha256,
                relative_path = excluded.relative_path, stored_at = excluded.stored_at;
            """)
            .With("$ws", attachment.WorkspaceId)
            .With("$id", attachment.Id)
            .With("$event", attachment.EventKey)
            .With("$name", attachment.Name)
            .With("$type", attachment.ContentType)
            .With("$size", attachment.Size)
            .With("$sha", attachment.Sha256)
            .With("$path", attachment.RelativePath)
            .With("$at", time.GetUtcNow().ToUnixMs());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Inside a page the fsync waits for the page's commit (all the page's files at once); outside one it happens here. The writes are
    // synchronous: a file is written whole from memory, and an asynchronous FileStream on Linux only moves the same calls to the thread pool.
    private static void WriteAtomically(string path, byte[] content, SqlitePage? page, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Guid.NewGuid():n}.tmp");
        try
        {
            using (var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                RandomAccess.Write(handle, content, 0);
                if (page is null)
                {
                    RandomAccess.FlushToDisk(handle);
                }
            }
            File.Move(temp, path, overwrite: true);
            page?.FlushBeforeCommit(path);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    // A workspace id becomes a folder only when it is a plain name; anything else is hashed, so no id can climb out or alias another.
    private static string WorkspaceFolder(string workspaceId) =>
        PlainSegment().IsMatch(workspaceId) ? workspaceId : "ws-" + Hex16(workspaceId);

    private static string Hex16(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    // SafeName bounds characters, not bytes; file systems bound bytes. Keep the extension when trimming.
    private static string FitName(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxNameBytes)
        {
            return name;
        }
        var extension = Path.GetExtension(name);
        if (Encoding.UTF8.GetByteCount(extension) > 16)
        {
            extension = "";
        }
        var stem = name[..^extension.Length];
        while (stem.Length > 0 && Encoding.UTF8.GetByteCount(stem) + Encoding.UTF8.GetByteCount(extension) > MaxNameBytes)
        {
            stem = char.IsLowSurrogate(stem[^1]) && stem.Length > 1 ? stem[..^2] : stem[..^1];
        }
        return stem.Length == 0 ? "attachment" + extension : stem + extension;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex PlainSegment();
}
