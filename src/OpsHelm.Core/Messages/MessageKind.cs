namespace OpsHelm.Core.Messages;

/// <summary>What sort of item a message is.</summary>
public enum MessageKind
{
    /// <summary>An ordinary mail or chat message.</summary>
    Mail,
    /// <summary>A meeting request, response or cancellation (Graph eventMessage).</summary>
    MeetingMessage,
    /// <summary>A calendar event.</summary>
    CalendarEvent,
}
