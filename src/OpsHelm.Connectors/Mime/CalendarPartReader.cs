using Ical.Net;
using MimeKit;

namespace OpsHelm.Connectors.Mime;

/// <summary>Reads a <c>text/calendar</c> part with Ical.Net: its METHOD and, for a reply, the attendee's PARTSTAT, as Graph's meetingMessageType names them.</summary>
internal static class CalendarPartReader
{
    /// <summary>What the calendar part says; null when it cannot be read (it still counts as calendar data for the classifier).</summary>
    public static CalendarSummary? Read(TextPart part, int maxBytes)
    {
        if (part.Content?.Stream is not { } stream || (stream.CanSeek && stream.Length > maxBytes * 4L))
        {
            return null;
        }
        var text = part.Text;
        if (text.Length > maxBytes)
        {
            return null;
        }
        Calendar? calendar;
        try
        {
            calendar = Calendar.Load(text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Ical.Net throws a variety of exceptions on malformed input; a calendar we cannot read is only less detailed.
            return null;
        }
        if (calendar is null)
        {
            return null;
        }
        var method = (calendar.Method ?? part.ContentType.Parameters["method"] ?? "").Trim().ToUpperInvariant();
        var first = calendar.Events.FirstOrDefault();
        var partStat = first?.Attendees.Select(a => a.ParticipationStatus).FirstOrDefault(s => !string.IsNullOrEmpty(s))?.ToUpperInvariant();
        var type = method switch
        {
            "REQUEST" => "meetingRequest",
            "CANCEL" => "meetingCancelled",
            "REPLY" => partStat switch
            {
                "ACCEPTED" => "meetingAccepted",
                "TENTATIVE" => "meetingTenativelyAccepted",
                "DECLINED" => "meetingDeclined",
                _ => null,
            },
            _ => null,
        };
        return new CalendarSummary(method, type, first?.Uid);
    }
}

/// <summary>The calendar facts of a message.</summary>
/// <param name="Method">The iTIP METHOD (REQUEST, REPLY, CANCEL, PUBLISH …), upper case; empty when absent.</param>
/// <param name="MeetingMessageType">Graph's name for it (meetingRequest, meetingCancelled, meetingAccepted …), when it is a meeting message.</param>
/// <param name="Uid">The first event's UID.</param>
internal sealed record CalendarSummary(string Method, string? MeetingMessageType, string? Uid);
