using OpsHelm.Core.Messages;
using OpsHelm.Core.Tickets;

namespace OpsHelm.Core.Pipeline;

/// <summary>The keys under which a mail thread remembers its ticket: the provider's conversation id and ServiceNow watermarks.</summary>
public static class ThreadKeys
{
    /// <summary>Thread keys of <paramref name="message"/>; none for chat, where one contact's chat is not one ticket.</summary>
    public static IReadOnlyList<string> Of(InboundMessage message, int maxBodyChars)
    {
        if (message.Channel != Channel.Email)
        {
            return [];
        }
        var keys = new List<string>(2);
        if (!string.IsNullOrEmpty(message.ConversationId))
        {
            keys.Add("conv:" + message.ConversationId);
        }
        var body = message.Body.Length > maxBodyChars ? message.Body[..maxBodyChars] : message.Body;
        foreach (var watermark in ServiceNowTicketPattern.Watermarks(message.Subject + "\n" + body).Distinct())
        {
            keys.Add("wm:" + watermark);
        }
        return keys;
    }
}
