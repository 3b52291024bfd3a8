using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using MimeKit;
using OpsHelm.Connectors.Mime;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Imap;

/// <summary>
/// Reads one folder of an IMAP mailbox in pages of UIDs. With a checkpoint of the same UIDVALIDITY it reads the UIDs
/// after it; without one (first sync), or when UIDVALIDITY changed, it reads what arrived within the resync window —
/// messages already recorded are keyed by Message-ID, so nothing is recorded twice. Each page's checkpoint is
/// <c>uidvalidity:last UID</c>; a message expunged between listing and fetching is skipped.
/// </summary>
internal sealed class ImapFolderReader(ImapSession session, MailboxConfig mailbox, ImapOptions options, MimeLimits limits, TimeProvider time, ILogger logger)
{
    /// <summary>Set once a read found UIDVALIDITY changed: the old and new values and the window resynced.</summary>
    public string? ResyncDetails { get; private set; }

    /// <summary>The pages of <paramref name="folderName"/> after <paramref name="checkpoint"/>; <paramref name="position"/> numbers the items.</summary>
    public async IAsyncEnumerable<SourceBatch> ReadAsync(string folderName, Func<ImapClient, CancellationToken, Task<IMailFolder?>> find,
        ImapCheckpoint? checkpoint, DateTimeOffset? since, StrongBox<int> position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = await session.OpenAsync(find, cancellationToken);
        if (folder is null)
        {
            Logs.FolderMissing(logger, mailbox.Address, folderName);
            yield break;
        }
        var validity = folder.UidValidity;
        var highest = folder.UidNext is { } next && next.Id > 0 ? next.Id - 1 : 0u;
        IList<UniqueId> uids;
        if (checkpoint is not null && checkpoint.UidValidity == validity)
        {
            var after = new UniqueIdRange(new UniqueId(validity, checkpoint.LastUid + 1), UniqueId.MaxValue);
            uids = await session.RunAsync((_, f, ct) => f!.SearchAsync(SearchQuery.Uids(after), ct), cancellationToken);
            // "n:*" always matches the highest message, even when it is below n.
            uids = uids.Where(u => u.Id > checkpoint.LastUid).ToList();
            highest = Math.Max(highest, checkpoint.LastUid);
        }
        else
        {
            var from = since ?? time.GetUtcNow() - options.ResyncWindow;
            if (checkpoint is not null)
            {
                Logs.UidValidityChanged(logger, mailbox.Address, folderName, checkpoint.UidValidity, validity, from);
            }
            // SEARCH SINCE compares dates only (the server's INTERNALDATE day): the day before keeps every time zone inside the window.
            uids = await session.RunAsync((_, f, ct) => f!.SearchAsync(SearchQuery.DeliveredAfter(from.UtcDateTime.Date.AddDays(-1)), ct), cancellationToken);
            if (checkpoint is not null)
            {
                ResyncDetails = $"IMAP folder {folderName}: UIDVALIDITY changed from {checkpoint.UidValidity} to {validity}; resynced {uids.Count} messages since {from:u}";
            }
        }
        uint reached = 0;
        foreach (var chunk in uids.OrderBy(u => u.Id).Chunk(options.BatchSize))
        {
            var items = await FetchAsync(folderName, chunk, position, cancellationToken);
            reached = chunk[^1].Id;
            var lastId = items.LastOrDefault(i => i.Message is not null)?.Message!.ProviderMessageId;
            yield return new SourceBatch(items, [new StreamCheckpoint(mailbox.Address, folderName, new ImapCheckpoint(validity, reached).ToString(), lastId)]);
        }
        if (highest > reached && (checkpoint is null || checkpoint.UidValidity != validity || highest > checkpoint.LastUid))
        {
            // Nothing (more) in the window: still move past what the folder held, so the next read is incremental.
            yield return new SourceBatch([], [new StreamCheckpoint(mailbox.Address, folderName, new ImapCheckpoint(validity, highest).ToString(), null)]);
        }
    }

    private async Task<List<SourceItem>> FetchAsync(string folderName, UniqueId[] chunk, StrongBox<int> position, CancellationToken cancellationToken)
    {
        var summaries = (await session.RunAsync((_, f, ct) => f!.FetchAsync(chunk, MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate | MessageSummaryItems.Size, ct), cancellationToken))
            .ToDictionary(s => s.UniqueId.Id);
        var wanted = chunk.Where(u => summaries.TryGetValue(u.Id, out var s) && !(s.Size > options.MaxMessageBytes)).ToList();
        // One FETCH BODY.PEEK[] for the whole page; a message expunged since the listing simply does not come back.
        var parsed = new Dictionary<uint, (MimeMessage? Message, string? Error)>();
        if (wanted.Count > 0)
        {
            await session.RunAsync(async (_, f, ct) =>
            {
                parsed.Clear();
                await ((ImapFolder)f!).GetStreamsAsync(wanted, async (_, _, uid, stream, token) =>
                {
                    try
                    {
                        parsed[uid.Id] = (await MimeMessage.LoadAsync(MimeFileSource.ParserOptionsFor(limits), stream, token), null);
                    }
                    catch (FormatException ex)
                    {
                        parsed[uid.Id] = (null, $"not a MIME message ({ex.Message})");
                    }
                }, ct);
                return parsed.Count;
            }, cancellationToken);
        }
        var items = new List<SourceItem>(chunk.Length);
        foreach (var uid in chunk)
        {
            var origin = $"{folderName} UID {uid.Id}";
            if (summaries.TryGetValue(uid.Id, out var summary) && summary.Size is { } size && size > options.MaxMessageBytes)
            {
                items.Add(Failure(++position.Value, origin, $"{mailbox.Address} {origin}: the message is {size} bytes, over the {options.MaxMessageBytes}-byte limit"));
                continue;
            }
            if (!parsed.TryGetValue(uid.Id, out var fetched))
            {
                // Expunged between the listing and the fetch: there is nothing left to record.
                Logs.MessageGone(logger, mailbox.Address, folderName, uid.Id);
                continue;
            }
            if (fetched.Message is not { } mime)
            {
                items.Add(Failure(++position.Value, origin, $"{mailbox.Address} {origin}: {fetched.Error}"));
                continue;
            }
            try
            {
                var message = MimeMessageMapper.Map(mime, mailbox.Address, folderName, FallbackId(folderName, mime), summary?.InternalDate, limits);
                items.Add(new SourceItem(++position.Value, message) { Origin = origin });
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                items.Add(Failure(++position.Value, origin, $"{mailbox.Address} {origin}: {ex.Message}"));
            }
        }
        return items;
    }

    private SourceItem Failure(int position, string origin, string why)
    {
        var id = "imap-" + Hash($"{mailbox.Address}\n{why}");
        return new SourceItem(position, null, why, id) { Origin = origin, FailureId = id };
    }

    // Without a Message-ID the headers identify the message; a UID would not survive a UIDVALIDITY change.
    private string FallbackId(string folderName, MimeMessage mime) =>
        "imap-" + Hash($"{mailbox.Address}\n{folderName}\n" + string.Join("\n", mime.Headers.Select(h => h.Field + ":" + h.Value)));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
