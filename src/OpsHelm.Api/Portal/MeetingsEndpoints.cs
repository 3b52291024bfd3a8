using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Api.Portal;

/// <summary>One Meeting EmailEvent as the meetings list shows it.</summary>
/// <param name="EventKey">The event key (<c>{channel}:{providerMessageId}</c>), the id to dismiss it by.</param>
/// <param name="Subject">Subject (text only).</param>
/// <param name="From">Organizer or responder address.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="Mailbox">The mailbox it was read from.</param>
/// <param name="TicketId">The ticket it belongs to, if any.</param>
/// <param name="Excerpt">A short plain-text excerpt (never HTML).</param>
/// <param name="Dismissed">Whether an operator dismissed it.</param>
/// <param name="DismissedAt">When it was first dismissed.</param>
public sealed record MeetingItem(
    string EventKey, string Subject, string? From, DateTimeOffset SentAt, string Mailbox, string? TicketId, string Excerpt, bool Dismissed, DateTimeOffset? DismissedAt);

/// <summary>
/// <c>GET …/meetings</c>: the workspace's Meeting EmailEvents, newest first, each with its dismissal; and
/// <c>POST …/meetings/{eventKey}/dismiss</c>: dismisses one (204), for good: the dismissal is stored apart from the event.
/// </summary>
public static class MeetingsEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder workspace)
    {
        workspace.MapGet("/meetings", ListMeetingsAsync)
            .WithName("ListMeetings")
            .WithSummary("Meeting requests, responses and cancellations, newest first, each with its dismissed flag.");
        workspace.MapPost("/meetings/{eventKey}/dismiss", DismissMeetingAsync)
            .WithName("DismissMeeting")
            .WithSummary("Dismisses a meeting (by its event key, URL-escaped); later syncs of the same event keep it dismissed.");
    }

    /// <summary>Meetings, newest first, each with its dismissal.</summary>
    public static async Task<Ok<List<MeetingItem>>> ListMeetingsAsync(string workspaceId, IRecordStore records, CancellationToken cancellationToken)
    {
        var dismissals = (await records.ListDismissedMeetingsAsync(workspaceId, cancellationToken)).ToDictionary(d => d.EventKey, StringComparer.Ordinal);
        var meetings = (await records.ListEventsAsync(workspaceId, cancellationToken))
            .Where(e => e.Category == Category.Meeting)
            .OrderByDescending(e => e.SentAt).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new MeetingItem(e.Key, e.Subject, e.From, e.SentAt, e.Mailbox, e.TicketId, e.Excerpt,
                dismissals.ContainsKey(e.Key), dismissals.GetValueOrDefault(e.Key)?.DismissedAt))
            .ToList();
        return TypedResults.Ok(meetings);
    }

    /// <summary>Dismisses one meeting for good (204), or 404; a JSON body from the portal's own origin only (<see cref="StateChangeGuard"/>).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DismissMeetingAsync(
        HttpRequest request, string workspaceId, string eventKey, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        if (StateChangeGuard.Refusal(request) is { } refusal)
        {
            return refusal;
        }
        var key = EventKeyOf(eventKey);
        return await records.DismissMeetingAsync(workspaceId, key, time.GetUtcNow(), cancellationToken)
            ? TypedResults.NoContent()
            : PortalRoutes.NotFound("No such meeting in this workspace.");
    }

    // The server decodes every escape in the path except %2F (it would split segments), so a key holding '/' arrives escaped.
    internal static string EventKeyOf(string routeValue) => routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}
