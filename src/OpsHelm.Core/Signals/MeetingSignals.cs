using System.Text.RegularExpressions;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Signals;

/// <summary>Meeting cues: Graph event messages, calendar events, text/calendar parts; a meeting-like subject alone is a weak cue.</summary>
public static partial class MeetingSignals
{
    /// <summary>The meeting cue of <paramref name="message"/>, if any.</summary>
    public static Signal? Detect(InboundMessage message)
    {
        switch (message.Kind)
        {
            case MessageKind.MeetingMessage:
                var type = string.IsNullOrEmpty(message.MeetingMessageType) ? "" : $" ({message.MeetingMessageType})";
                return new Signal($"Graph eventMessage{type}", 0.98);
            case MessageKind.CalendarEvent:
                return new Signal("calendar event", 0.99);
        }
        if (message.Attachments.Any(a => a.ContentType.StartsWith("text/calendar", StringComparison.OrdinalIgnoreCase)
                || a.Name.EndsWith(".ics", StringComparison.OrdinalIgnoreCase))
            || message.Header("Content-Type")?.Contains("text/calendar", StringComparison.OrdinalIgnoreCase) == true)
        {
            return new Signal("text/calendar part", 0.95);
        }
        if (MeetingSubject().SafeIsMatch(message.Subject))
        {
            // A subject alone is easy to imitate; leave the decision to an operator.
            return new Signal("meeting-style subject without calendar data", 0.6);
        }
        return null;
    }

    [GeneratedRegex(@"^(?:Accepted|Declined|Tentative(?:ly accepted)?|Canceled|Cancelled|Invitation|Updated invitation|New Time Proposed):\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex MeetingSubject();
}
