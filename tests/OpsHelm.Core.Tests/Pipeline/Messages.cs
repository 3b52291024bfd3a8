using OpsHelm.Core.Messages;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Tests.Pipeline;

/// <summary>Builds messages and the workspace the pipeline tests run in.</summary>
internal static class Messages
{
    public const string Mailbox = "dana@harborlightit.com";

    public static readonly WorkspaceConfig Workspace = new()
    {
        Id = "ws-test",
        TimeZone = "America/New_York",
        Mailboxes = [new MailboxConfig { Id = "m1", Address = Mailbox }],
        InternalDomains = ["harborlightit.com"],
        Customers =
        [
            new CustomerConfig { Name = "Quarry Lane Logistics", Domains = ["quarrylane.com"], Aliases = ["QLL"] },
            new CustomerConfig { Name = "Bayside Dental Group", Domains = ["baysidedental.com"] },
        ],
        TicketSources =
        [
            new TicketSourceConfig { System = "ServiceNow", Senders = ["quarrylane@service-now.com"] },
            new TicketSourceConfig { System = "ConnectWise", Senders = ["help@harborlightit.com"] },
        ],
        Blocklist = new BlocklistConfig { Emails = ["*@seo-rocket.net"], Domains = ["bulkleads.biz"] },
    };

    public static WorkspaceProfile Profile { get; } = new(Workspace);

    public static InboundMessage Received(string from, string subject, string body, string? conversation = null, string id = "m-in") => new()
    {
        ProviderMessageId = id,
        Mailbox = Mailbox,
        Folder = "inbox",
        ConversationId = conversation,
        Subject = subject,
        Body = body,
        From = new Participant(from),
        To = [new Participant(Mailbox)],
        SentAt = DateTimeOffset.Parse("2026-11-10T14:00:00Z"),
    };

    public static InboundMessage Sent(string to, string subject, string body, string? conversation = null, string id = "m-out") => new()
    {
        ProviderMessageId = id,
        Mailbox = Mailbox,
        Folder = "sentitems",
        ConversationId = conversation,
        Subject = subject,
        Body = body,
        From = new Participant(Mailbox),
        To = [new Participant(to)],
        SentAt = DateTimeOffset.Parse("2026-11-10T14:00:00Z"),
    };
}
