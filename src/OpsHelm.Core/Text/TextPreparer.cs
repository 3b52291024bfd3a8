using OpsHelm.Core.Messages;

namespace OpsHelm.Core.Text;

/// <summary>Prepares a message's text: HTML to text, size limit, quote split.</summary>
public sealed class TextPreparer(int maxBodyChars)
{
    /// <summary>Prepares <paramref name="message"/>'s subject and body.</summary>
    public PreparedText Prepare(InboundMessage message)
    {
        var body = message.Body ?? "";
        var truncated = false;
        if (message.BodyIsHtml)
        {
            // Markup is mostly tags: allow more raw HTML than text, but never an unbounded parse.
            var htmlLimit = maxBodyChars * 4;
            if (body.Length > htmlLimit)
            {
                body = body[..htmlLimit];
                truncated = true;
            }
            body = HtmlText.ToText(body);
        }
        if (body.Length > maxBodyChars)
        {
            body = body[..maxBodyChars];
            truncated = true;
        }
        body = body.Replace("\r\n", "\n", StringComparison.Ordinal);
        var subject = message.Subject ?? "";
        if (subject.Length > 1000)
        {
            subject = subject[..1000];
            truncated = true;
        }
        var quote = QuoteSplitter.QuoteStart(body);
        return new PreparedText(subject.Trim(), Trimmed(body, quote), body[quote..], truncated);
    }

    // The text before the quote, trimmed; the body itself when that is all of it, as most bodies without a quote are.
    private static string Trimmed(string body, int end)
    {
        var trimmed = body.AsSpan(0, end).Trim();
        return trimmed.Length == body.Length ? body : trimmed.ToString();
    }
}
