using OpsHelm.Core.Messages;

namespace OpsHelm.Core.Text;

/// <summary>A message's whole body as plain text for reading: HTML only ever converted to text, and bounded.</summary>
/// <param name="Text">The text (never markup).</param>
/// <param name="Truncated">Whether it was cut at the limit.</param>
/// <param name="WasHtml">Whether the body arrived as HTML and was converted.</param>
public sealed record BodyText(string Text, bool Truncated, bool WasHtml)
{
    /// <summary>The body of <paramref name="message"/> as at most <paramref name="maxChars"/> characters of text.</summary>
    public static BodyText Of(InboundMessage message, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.Body ?? "";
        var truncated = false;
        if (message.BodyIsHtml)
        {
            // As TextPreparer: markup is mostly tags, so allow more raw HTML than text, but never an unbounded parse.
            if (body.Length > maxChars * 4)
            {
                body = body[..(maxChars * 4)];
                truncated = true;
            }
            body = HtmlText.ToText(body);
        }
        if (body.Length > maxChars)
        {
            body = body[..(char.IsHighSurrogate(body[maxChars - 1]) ? maxChars - 1 : maxChars)];
            truncated = true;
        }
        return new BodyText(body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), truncated, message.BodyIsHtml);
    }
}
