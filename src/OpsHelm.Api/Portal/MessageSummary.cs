using OpsHelm.Core.Records;

namespace OpsHelm.Api.Portal;

/// <summary>A sender or recipient: display name (when the provider gave one) and address.</summary>
/// <param name="Name">Display name (untrusted text).</param>
/// <param name="Address">Address or chat number.</param>
public sealed record MessageParty(string? Name, string? Address);

/// <summary>One message as a list shows it: who, when, where, a bounded text preview and what OpsHelm decided.</summary>
/// <param name="EventKey">The event key (<c>{channel}:{providerMessageId}</c>): the id of the message page.</param>
/// <param name="Subject">Subject (text only).</param>
/// <param name="From">Sender.</param>
/// <param name="ReceivedAt">When it arrived (sent time when the provider gave no receive time).</param>
/// <param name="Folder">The folder it was read from.</param>
/// <param name="Channel">Email or WhatsApp.</param>
/// <param name="Mailbox">The mailbox or number it was read from.</param>
/// <param name="Preview">At most 300 characters of its new text, quotes and signature stripped (never HTML).</param>
/// <param name="Category">Category.</param>
/// <param name="Confidence">Confidence of the category, 0–1.</param>
/// <param name="TicketId">The ticket it belongs to, if any.</param>
public sealed record MessageSummary(
    string EventKey, string Subject, MessageParty From, DateTimeOffset ReceivedAt, string Folder, string Channel, string Mailbox,
    string Preview, Category Category, double Confidence, string? TicketId);
