using System.Text.Json;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Graph;

/// <summary>
/// Maps a Graph calendar event to the provider-neutral message (Kind CalendarEvent): organizer as sender, required
/// attendees as To, optional ones as Cc. The event's times, location and each attendee's response have no field of their
/// own in <see cref="InboundMessage"/>, so they travel as <c>X-OpsHelm-*</c> headers.
/// </summary>
public static class GraphEventMapper
{
    /// <summary>The folder name calendar events are filed under.</summary>
    public const string Folder = "calendar";

    /// <summary>The message of <paramref name="calendarEvent"/>; throws <see cref="FormatException"/> naming the field that is wrong.</summary>
    public static InboundMessage Map(JsonElement calendarEvent, string mailbox)
    {
        if (calendarEvent.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the event must be a JSON object");
        }
        var id = calendarEvent.StringProperty("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new FormatException("the event has no 'id'");
        }
        var body = calendarEvent.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.Object ? b : default;
        var headers = new List<MessageHeader>();
        AddTime(headers, calendarEvent, "start", "X-OpsHelm-Event-Start");
        AddTime(headers, calendarEvent, "end", "X-OpsHelm-Event-End");
        if (calendarEvent.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.Object
            && location.StringProperty("displayName") is { Length: > 0 } place)
        {
            headers.Add(new MessageHeader("X-OpsHelm-Event-Location", Clip(place, 200)));
        }
        var to = new List<Participant>();
        var cc = new List<Participant>();
        if (calendarEvent.TryGetProperty("attendees", out var attendees) && attendees.ValueKind == JsonValueKind.Array)
        {
            foreach (var attendee in attendees.EnumerateArray().Take(500))
            {
                if (Person(attendee) is not { } person)
                {
                    continue;
                }
                var type = attendee.StringProperty("type") ?? "required";
                (type.Equals("optional", StringComparison.OrdinalIgnoreCase) ? cc : to).Add(person);
                var response = attendee.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
                    ? status.StringProperty("response") ?? "none"
                    : "none";
                headers.Add(new MessageHeader("X-OpsHelm-Attendee", $"{person.Address}; type={Clip(type, 20)}; response={Clip(response, 40)}"));
            }
        }
        return new InboundMessage
        {
            Channel = Channel.Email,
            ProviderMessageId = id,
            Mailbox = mailbox,
            Folder = Folder,
            Kind = MessageKind.CalendarEvent,
            Subject = calendarEvent.StringProperty("subject") ?? "",
            Body = body.ValueKind == JsonValueKind.Object ? body.StringProperty("content") ?? "" : "",
            BodyIsHtml = body.ValueKind == JsonValueKind.Object && string.Equals(body.StringProperty("contentType"), "html", StringComparison.OrdinalIgnoreCase),
            From = calendarEvent.TryGetProperty("organizer", out var organizer) ? Person(organizer) : null,
            To = to,
            Cc = cc,
            SentAt = GraphDates.Read(calendarEvent, "createdDateTime") ?? GraphDates.Read(calendarEvent, "lastModifiedDateTime")
                ?? throw new FormatException("the event has no 'createdDateTime' or 'lastModifiedDateTime'"),
            ReceivedAt = GraphDates.Read(calendarEvent, "lastModifiedDateTime"),
            Headers = headers,
        };
    }

    private static Participant? Person(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("emailAddress", out var email) || email.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var address = email.StringProperty("address");
        return string.IsNullOrWhiteSpace(address) ? null : new Participant(address.Trim(), email.StringProperty("name"));
    }

    private static void AddTime(List<MessageHeader> headers, JsonElement calendarEvent, string name, string header)
    {
        if (calendarEvent.TryGetProperty(name, out var time) && time.ValueKind == JsonValueKind.Object && time.StringProperty("dateTime") is { } at)
        {
            headers.Add(new MessageHeader(header, $"{Clip(at, 40)} {Clip(time.StringProperty("timeZone") ?? "UTC", 60)}"));
        }
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}
