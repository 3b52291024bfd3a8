using OpsHelm.Core.Messages;
using OpsHelm.Core.Tickets;

namespace OpsHelm.Core.Pipeline;

/// <summary>
/// The keys under which a thread remembers its ticket: for mail the provider's conversation id and ServiceNow
/// watermarks; for chat the message itself and the message it replies to, since one contact's chat is not one ticket
/// but a reply (WhatsApp's context) belongs with what it answers.
/// </summary>
public static class ThreadKeys
{
    /// <summary>Thread keys of <paramref name="message"/>.</summary>
    public static IReadOnlyList<string> Of(InboundMessage message, int maxBodyChars)
    {
        if (message.Channel != Channel.Email)
        {
            var chat = new List<string>(2) { $"msg:{message.Channel}:{message.ProviderMessageId}" };
            if (!string.IsNullOrEmpty(message.RepliesTo))
            {
                chat.Add($"msg:{message.Channel}:{message.RepliesTo}");
            }
            return chat;
        }
        var keys = new List<string>(2);
        if (!string.IsNullOrEmpty(message.ConversationId))
        {
            keys.Add("conv:" + message.ConversationId);
        }
        var body = message.Body.Length > maxBodyChars ? message.Body[..maxBodyChars] : message.Body;
        AddWatermarks(keys, message.Subject);
        AddWatermarks(keys, body);
        return keys;
    }

    // A watermark never spans a line, so the subject and the body are read apart rather than copied into one text.
    private static void AddWatermarks(List<string> keys, string text)
    {
        foreach (var watermark in ServiceNowTicketPattern.Watermarks(text))
        {
            var key = "wm:" + watermark;
            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }
    }
}
