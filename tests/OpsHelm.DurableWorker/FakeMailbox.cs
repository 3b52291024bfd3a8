using System.Globalization;
using System.Runtime.CompilerServices;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.DurableWorker;

/// <summary>
/// A fake mailbox of <paramref name="count"/> messages read in pages of <paramref name="pageSize"/>, like a Graph delta: the checkpoint
/// after page k (1-based) is <c>page:k</c>, after the last page <c>delta:k</c>; a read starts after the stored checkpoint.
/// Every tenth message names one of twenty ServiceNow tickets, so a message counted twice shows in a ticket's count.
/// </summary>
public sealed class FakeMailbox(int count, int pageSize) : IMessageSource
{
    /// <summary>The mailbox address.</summary>
    public const string Address = "ops@contoso.com";

    /// <summary>The folder read.</summary>
    public const string Folder = "inbox";

    private static readonly DateTimeOffset FirstSent = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Pages in a full read.</summary>
    public int Pages => (count + pageSize - 1) / pageSize;

    /// <inheritdoc />
    public string Description => $"fake mailbox ({count} messages, {pageSize} per page)";

    /// <summary>The provider id of message <paramref name="n"/> (1-based).</summary>
    public static string IdOf(int n) => "kill-" + n.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The checkpoint written after page <paramref name="page"/> of a mailbox of <paramref name="pages"/> pages.</summary>
    public static string CheckpointAfter(int page, int pages) =>
        (page >= pages ? "delta:" : "page:") + page.ToString(CultureInfo.InvariantCulture);

    /// <summary>The ticket message <paramref name="n"/> names, or null.</summary>
    public static string? TicketOf(int n) => n % 10 == 0 ? $"INC{1_000_000 + n / 10 % 20:D7}" : null;

    /// <summary>The workspace the mailbox belongs to.</summary>
    public static WorkspaceConfig Workspace(string workspaceId) => new()
    {
        Id = workspaceId,
        Name = "Kill test",
        Mailboxes = [new MailboxConfig { Id = "ops", Address = Address }],
        InternalDomains = ["contoso.com"],
        Customers = [new CustomerConfig { Name = "Fabrikam", Domains = ["fabrikam.com"] }],
        TicketSources = [new TicketSourceConfig { System = "ServiceNow" }],
    };

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceBatch> ReadAsync(WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var done = PagesDone(states);
        for (var page = done + 1; page <= Pages; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = (page - 1) * pageSize + 1;
            var last = Math.Min(page * pageSize, count);
            var items = new List<SourceItem>(last - first + 1);
            for (var n = first; n <= last; n++)
            {
                items.Add(new SourceItem(n, MessageOf(n)));
            }
            yield return new SourceBatch(items, [new StreamCheckpoint(Address, Folder, CheckpointAfter(page, Pages), IdOf(last))]);
            await Task.Yield();
        }
    }

    private static int PagesDone(IReadOnlyList<ProcessingState> states)
    {
        var state = states.FirstOrDefault(s => s.Mailbox.Equals(Address, StringComparison.OrdinalIgnoreCase) && s.Folder == Folder);
        if (state?.Checkpoint is not { } checkpoint)
        {
            return 0;
        }
        var colon = checkpoint.IndexOf(':', StringComparison.Ordinal);
        return int.Parse(checkpoint.AsSpan(colon + 1), CultureInfo.InvariantCulture);
    }

    private static InboundMessage MessageOf(int n)
    {
        var ticket = TicketOf(n);
        return new InboundMessage
        {
            ProviderMessageId = IdOf(n),
            Mailbox = Address,
            Folder = Folder,
            InternetMessageId = $"<kill-{n}@fabrikam.com>",
            ConversationId = "conv-" + IdOf(n),
            Subject = ticket is null ? $"Question {n} about the Leeds VPN" : $"{ticket} printer queue stuck again",
            Body = ticket is null ? "Could you check the VPN for the Leeds office?" : "The printer queue is stuck again.",
            From = new Participant("user@fabrikam.com", "Fabrikam User"),
            To = [new Participant(Address)],
            SentAt = FirstSent.AddSeconds(n),
            ReceivedAt = FirstSent.AddSeconds(n),
        };
    }
}
