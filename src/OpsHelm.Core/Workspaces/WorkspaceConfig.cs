using System.Text.Json.Serialization;

namespace OpsHelm.Core.Workspaces;

/// <summary>A workspace: the tenant boundary and everything the pipeline needs to know about it (DESIGN §4).</summary>
public sealed record WorkspaceConfig
{
    /// <summary>Stable workspace id; every record is keyed by it.</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public string Name { get; init; } = "";
    /// <summary>IANA time zone in which due dates are read.</summary>
    public string TimeZone { get; init; } = "UTC";
    /// <summary>Mailboxes read for this workspace.</summary>
    public IReadOnlyList<MailboxConfig> Mailboxes { get; init; } = [];
    /// <summary>Domains whose addresses are our own people.</summary>
    public IReadOnlyList<string> InternalDomains { get; init; } = [];
    /// <summary>Known customers.</summary>
    public IReadOnlyList<CustomerConfig> Customers { get; init; } = [];
    /// <summary>Ticket systems, in the order their patterns are tried.</summary>
    public IReadOnlyList<TicketSourceConfig> TicketSources { get; init; } = [];
    /// <summary>Senders whose mail is always Noise.</summary>
    public BlocklistConfig Blocklist { get; init; } = new();
    /// <summary>Classification and staleness thresholds.</summary>
    public ThresholdsConfig Thresholds { get; init; } = new();
    /// <summary>The WhatsApp number of the workspace, if any.</summary>
    public WhatsAppConfig? WhatsApp { get; init; }
    /// <summary>Portal branding; opaque to the pipeline.</summary>
    public Dictionary<string, string>? Branding { get; init; }
}

/// <summary>A mailbox of the workspace.</summary>
public sealed record MailboxConfig
{
    /// <summary>Mailbox id.</summary>
    public required string Id { get; init; }
    /// <summary>Graph, Gmail or Imap.</summary>
    public string Provider { get; init; } = "Graph";
    /// <summary>The mailbox address.</summary>
    public required string Address { get; init; }
    /// <summary>Folders read besides Inbox and Sent Items.</summary>
    public IReadOnlyList<string> Folders { get; init; } = [];
    /// <summary>How to reach an Imap mailbox (no secret: that comes from settings).</summary>
    public ImapMailboxConfig? Imap { get; init; }
}

/// <summary>The server and login of an IMAP mailbox; the password or OAuth2 token is a setting, never part of the workspace config.</summary>
public sealed record ImapMailboxConfig
{
    /// <summary>Server host name.</summary>
    public string Host { get; init; } = "";
    /// <summary>Server port (993 for SslOnConnect, 143 for StartTls).</summary>
    public int Port { get; init; } = 993;
    /// <summary>SslOnConnect, StartTls or None (None only for a server on the same machine).</summary>
    public string Tls { get; init; } = "SslOnConnect";
    /// <summary>The login name.</summary>
    public string Username { get; init; } = "";
    /// <summary>Password (an app password) or OAuth2 (an access token, sent with XOAUTH2).</summary>
    public string Auth { get; init; } = "Password";
}

/// <summary>A customer and how to recognise it.</summary>
public sealed record CustomerConfig
{
    /// <summary>Canonical customer name.</summary>
    public required string Name { get; init; }
    /// <summary>Mail domains of the customer.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];
    /// <summary>Other names the customer goes by (e.g. in a ticket's company field).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}

/// <summary>A ticket system whose ids are recognised.</summary>
public sealed record TicketSourceConfig
{
    /// <summary>ServiceNow or ConnectWise.</summary>
    public required string System { get; init; }
    /// <summary>Whether ids of this system are recognised.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Regexes replacing the built-in id patterns; the first capture group (or the match) is the id.</summary>
    public IReadOnlyList<string>? Patterns { get; init; }
    /// <summary>Addresses the ticket system sends notifications from.</summary>
    public IReadOnlyList<string> Senders { get; init; } = [];
}

/// <summary>Blocked senders: exact addresses, <c>*@domain</c> wildcards and domains.</summary>
public sealed record BlocklistConfig
{
    /// <summary>Addresses or <c>*@domain</c> wildcards.</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];
    /// <summary>Domains (subdomains included).</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];
}

/// <summary>Thresholds of the workspace.</summary>
public sealed record ThresholdsConfig
{
    /// <summary>Classifications below this confidence record a LowConfidence exception.</summary>
    public double ClassificationConfidence { get; init; } = 0.7;
    /// <summary>Days without a touch after which an open ticket is stale.</summary>
    public int StaleTicketDays { get; init; } = 3;
    /// <summary>Hours a customer may wait for our reply before the ticket is flagged.</summary>
    public int CustomerWaitingHours { get; init; } = 24;
}

/// <summary>The workspace's WhatsApp Business number.</summary>
public sealed record WhatsAppConfig
{
    /// <summary>Cloud API phone number id.</summary>
    public string? PhoneNumberId { get; init; }
    /// <summary>Number as shown to people.</summary>
    public string? DisplayNumber { get; init; }
}
