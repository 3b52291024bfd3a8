using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Connectors.Mime;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Imap;

/// <summary>
/// New mail of every <c>Imap</c> mailbox of a workspace: Inbox, the SPECIAL-USE <c>\Sent</c> folder and the allowed
/// folders, each with its own <c>uidvalidity:uid</c> checkpoint, read in pages of UIDs (<see cref="ImapFolderReader"/>).
/// A rejected login marks the mailbox Disconnected in source health and the run goes on with the rest; a dropped
/// connection is retried with back-off; a changed UIDVALIDITY is resynced and recorded as a Resync incident.
/// </summary>
public sealed class ImapMailboxSource(ImapOptions options, SourceHealthTracker health, TimeProvider time, ILogger<ImapMailboxSource>? logger = null) : IMessageSource
{
    /// <summary>Provider name used in the workspace config and in source health.</summary>
    public const string Provider = "Imap";

    private readonly ImapOptions _options = Validated(options);
    private readonly ILogger _logger = logger ?? NullLogger<ImapMailboxSource>.Instance;
    private readonly MimeLimits _limits = MimeLimits.Default with { MaxMessageBytes = options.MaxMessageBytes };

    /// <summary>True when <paramref name="workspace"/> has an IMAP mailbox (so a host adds this source to its sources).</summary>
    public static bool Reads(WorkspaceConfig workspace) => workspace.Mailboxes.Any(IsImap);

    /// <inheritdoc />
    public string Description => "IMAP mailboxes";

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceBatch> ReadAsync(
        WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failures = new List<Exception>();
        var position = new StrongBox<int>(0);
        foreach (var mailbox in workspace.Mailboxes.Where(IsImap))
        {
            if (!_options.Secrets.TryGetValue(mailbox.Id, out var secret) || string.IsNullOrEmpty(secret))
            {
                await health.RecordFailureAsync(workspace.Id, mailbox.Address, Provider,
                    $"no secret is set for mailbox {mailbox.Id} (setting Imap:Secrets:{mailbox.Id})", credentialRejected: true, cancellationToken);
                continue;
            }
            await using var session = new ImapSession(mailbox, secret, _options, time, _logger);
            var reader = new ImapFolderReader(session, mailbox, _options, _limits, time, _logger);
            var failed = false;
            foreach (var (folder, find) in ImapFolders.Of(mailbox.Folders))
            {
                var state = states.FirstOrDefault(s => s.Mailbox.Equals(mailbox.Address, StringComparison.OrdinalIgnoreCase) && s.Folder == folder);
                await using var pages = reader.ReadAsync(folder, find, ImapCheckpoint.Parse(state?.Checkpoint), since, position, cancellationToken).GetAsyncEnumerator(cancellationToken);
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
                        failed = true;
                        await RecordFailureAsync(workspace.Id, mailbox, ex, failures, cancellationToken);
                        break;
                    }
                    yield return batch;
                }
                if (failed)
                {
                    break;
                }
                if (reader.ResyncDetails is { } details)
                {
                    await health.RecordResyncAsync(workspace.Id, mailbox.Address, details, cancellationToken);
                }
            }
            if (!failed)
            {
                await health.RecordSuccessAsync(workspace.Id, mailbox.Address, Provider, cancellationToken);
            }
        }
        if (failures.Count == 1)
        {
            ExceptionDispatchInfo.Capture(failures[0]).Throw();
        }
        if (failures.Count > 1)
        {
            throw new AggregateException("IMAP mailboxes could not be read", failures);
        }
    }

    // A refused login disconnects the source and the run goes on; any other failure (retries spent) is also rethrown at the end.
    private async Task RecordFailureAsync(string workspaceId, MailboxConfig mailbox, Exception ex, List<Exception> failures, CancellationToken cancellationToken)
    {
        if (ex is AuthenticationException)
        {
            Logs.CredentialRejected(_logger, mailbox.Imap?.Host ?? "", mailbox.Address);
            await health.RecordFailureAsync(workspaceId, mailbox.Address, Provider, $"the IMAP server refused the login of {mailbox.Imap?.Username}", credentialRejected: true, cancellationToken);
            return;
        }
        await health.RecordFailureAsync(workspaceId, mailbox.Address, Provider, $"{ex.GetType().Name}: {ex.Message}", credentialRejected: false, cancellationToken);
        failures.Add(ex);
    }

    private static ImapOptions Validated(ImapOptions options)
    {
        options.Validate();
        return options;
    }

    private static bool IsImap(MailboxConfig mailbox) => string.Equals(mailbox.Provider, Provider, StringComparison.OrdinalIgnoreCase);
}
