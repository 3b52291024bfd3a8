using OpsHelm.Core.Records;

namespace OpsHelm.Core.Ports;

/// <summary>
/// What to find among a workspace's EmailEvents: every given filter must match; the page is newest first (sent time, then
/// event key, both descending) and starts after <paramref name="After"/>.
/// </summary>
/// <param name="Text">Matches the subject or sender address (case-insensitive substring), or the ticket id (case-insensitive).</param>
/// <param name="Category">Only this category.</param>
/// <param name="From">The sender address contains this (case-insensitive).</param>
/// <param name="TicketId">Only messages of this ticket (case-insensitive).</param>
/// <param name="Since">Only messages sent at or after this.</param>
/// <param name="After">The cursor of the previous page's last item.</param>
/// <param name="Limit">Most items in one page.</param>
public sealed record MessageSearch(
    string? Text = null, Category? Category = null, string? From = null, string? TicketId = null, DateTimeOffset? Since = null,
    MessageCursor? After = null, int Limit = 50);
