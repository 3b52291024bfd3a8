using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// New mail of every Gmail mailbox of a workspace, read from users.history.list (messageAdded and labelAdded — a SENT
/// label is the Sent folder) since the stored historyId, page by page, each page's messages fetched with
/// messages.get. The checkpoint after a page is the id of its last history record, after the last page the mailbox's
/// current historyId. Without a checkpoint, or when Gmail no longer has it (404), a bounded resync lists recent mail
/// first (<see cref="GmailResync"/>); the 404 case is recorded as a Resync incident. Pushes are not needed: run on a
/// timer, this is the poll that catches what Pub/Sub dropped.
/// </summary>
public sealed class GmailHistorySource : IMessageSource
{
    /// <summary>The folder name the mailbox-wide history checkpoint is stored under.</summary>
    public const string StreamFolder = "history";

    private readonly GmailConnection _gmail;
    private readonly SourceHealthTracker _health;
    private readonly TimeProvider _time;
    private readonly IPushInbox? _pushes;
    private readonly GmailMessageReader _reader;
    private readonly GmailResync _resync;

    /// <summary>
    /// A source over <paramref name="gmail"/>. With <paramref name="records"/>, messages already recorded are not fetched
    /// again; with <paramref name="pushes"/>, Gmail pushes the read covered are marked Done.
    /// </summary>
    public GmailHistorySource(GmailConnection gmail, SourceHealthTracker health, TimeProvider time, IRecordStore? records = null, IPushInbox? pushes = null)
    {
        _gmail = gmail;
        _health = health;
        _time = time;
        _pushes = pushes;
        _reader = new GmailMessageReader(gmail.Client, records);
        _resync = new GmailResync(gmail.Client, _reader);
    }

    /// <inheritdoc />
    public string Description => "Gmail history";

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceBatch> ReadAsync(
        WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failures = new List<Exception>();
        foreach (var mailbox in workspace.Mailboxes.Where(m => string.Equals(m.Provider, GmailConnection.Provider, StringComparison.OrdinalIgnoreCase)))
        {
            var state = states.FirstOrDefault(s => s.Mailbox.Equals(mailbox.Address, StringComparison.OrdinalIgnoreCase) && s.Folder == StreamFolder);
            string? reached = null;
            await using var pages = ReadMailboxAsync(workspace.Id, mailbox, state?.Checkpoint, since, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                SourceBatch batch;
                try
                {
                    if (!await pages.MoveNextAsync())
                    {
                        break;
                    }
                    batch = pages.Current;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    var rejected = ex is GmailApiException { CredentialRejected: true };
                    await _health.RecordFailureAsync(workspace.Id, mailbox.Address, GmailConnection.Provider, ex.Message, rejected, cancellationToken);
                    failures.Add(ex);
                    reached = null;
                    break;
                }
                reached = batch.Checkpoints.LastOrDefault()?.Checkpoint ?? reached;
                yield return batch;
            }
            if (failures.Count == 0 || reached is not null)
            {
                await _health.RecordSuccessAsync(workspace.Id, mailbox.Address, GmailConnection.Provider, cancellationToken);
                await MarkPushesDoneAsync(workspace.Id, mailbox.Address, reached ?? state?.Checkpoint, cancellationToken);
            }
        }
        if (failures.Count == 1)
        {
            ExceptionDispatchInfo.Capture(failures[0]).Throw();
        }
        if (failures.Count > 1)
        {
            throw new AggregateException("Gmail mailboxes could not be read", failures);
        }
    }

    private async IAsyncEnumerable<SourceBatch> ReadMailboxAsync(
        string workspaceId, MailboxConfig mailbox, string? checkpoint, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = _gmail.Client;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var startId = checkpoint;
        var resynced = false;
        if (startId is null)
        {
            // Bootstrap: recent mail by listing, then history from the profile's historyId.
            var tally = new ResyncTally();
            await foreach (var batch in _resync.RunAsync(workspaceId, mailbox, since ?? _time.GetUtcNow() - _gmail.Options.ResyncWindow, seen, tally, cancellationToken))
            {
                startId = batch.Checkpoints.LastOrDefault()?.Checkpoint ?? startId;
                yield return batch;
            }
            resynced = true;
        }
        string? pageToken = null;
        while (true)
        {
            GmailHistoryPage? page = null;
            var expired = false;
            try
            {
                page = await client.ListHistoryAsync(mailbox.Address, startId!, pageToken, cancellationToken);
            }
            catch (GmailApiException ex) when (ex.IsNotFound && pageToken is null && !resynced)
            {
                expired = true;
            }
            if (expired)
            {
                var tally = new ResyncTally();
                var after = _time.GetUtcNow() - _gmail.Options.ResyncWindow;
                await foreach (var batch in _resync.RunAsync(workspaceId, mailbox, after, seen, tally, cancellationToken))
                {
                    startId = batch.Checkpoints.LastOrDefault()?.Checkpoint ?? startId;
                    yield return batch;
                }
                resynced = true;
                await _health.RecordResyncAsync(workspaceId, mailbox.Address, ResyncDetails(checkpoint, after, tally), cancellationToken);
                continue;
            }
            var ids = page!.Records.SelectMany(r => Candidates(r, mailbox.Folders));
            var items = await _reader.ReadNewAsync(workspaceId, mailbox, ids, seen, cancellationToken);
            var last = page.NextPageToken is null ? page.HistoryId ?? page.Records.LastOrDefault()?.Id : page.Records.LastOrDefault()?.Id;
            IReadOnlyList<StreamCheckpoint> checkpoints = last is null
                ? []
                : [new StreamCheckpoint(mailbox.Address, StreamFolder, last, items.LastOrDefault(i => i.Message is not null)?.Message!.ProviderMessageId)];
            yield return new SourceBatch(items, checkpoints);
            if (page.NextPageToken is null)
            {
                yield break;
            }
            pageToken = page.NextPageToken;
        }
    }

    private string ResyncDetails(string? checkpoint, DateTimeOffset after, ResyncTally tally) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Gmail no longer had historyId {checkpoint} (404); listed {tally.Listed} messages since {after:u}, fetched {tally.Fetched} not yet recorded")
        + (tally.Capped ? string.Create(CultureInfo.InvariantCulture, $", stopped at the cap of {_gmail.Options.ResyncMaxMessages}") : "");

    // A message added (not a draft) or given a label we read: worth a messages.get. The full message decides its folder.
    private static IEnumerable<string> Candidates(GmailHistoryRecord record, IReadOnlyList<string> allowedFolders)
    {
        foreach (var added in record.Added)
        {
            if (added.LabelIds.Count == 0 || GmailMessageMapper.FolderOf(added.LabelIds, allowedFolders) is not null)
            {
                yield return added.Id;
            }
        }
        foreach (var change in record.LabelsAdded)
        {
            if (GmailMessageMapper.FolderOf(change.LabelIds, allowedFolders) is not null)
            {
                yield return change.Message.Id;
            }
        }
    }

    // Pushes whose historyId the read reached asked for nothing more.
    private async Task MarkPushesDoneAsync(string workspaceId, string address, string? reached, CancellationToken cancellationToken)
    {
        if (_pushes is null || !ulong.TryParse(reached, CultureInfo.InvariantCulture, out var reachedId))
        {
            return;
        }
        foreach (var notice in await _pushes.ListPendingAsync(workspaceId, 1_000, cancellationToken))
        {
            if (notice.Provider == GmailConnection.Provider && notice.SourceId.Equals(address, StringComparison.OrdinalIgnoreCase)
                && PushedHistoryId(notice.Payload) is { } pushed && pushed <= reachedId)
            {
                await _pushes.MarkDoneAsync(workspaceId, notice.Id, cancellationToken);
            }
        }
    }

    private static ulong? PushedHistoryId(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 8 });
            return ulong.TryParse(document.RootElement.StringProperty("historyId"), CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
