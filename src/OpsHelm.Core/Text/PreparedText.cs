namespace OpsHelm.Core.Text;

/// <summary>A message's text made ready for matching: the subject, the new text above any quote, and the quoted rest.</summary>
/// <param name="Subject">The subject, trimmed.</param>
/// <param name="NewText">What the sender wrote in this message.</param>
/// <param name="QuotedText">Quoted or forwarded text below the new text (may be empty).</param>
/// <param name="Truncated">Whether the body was cut at the size limit.</param>
public sealed record PreparedText(string Subject, string NewText, string QuotedText, bool Truncated)
{
    /// <summary>Subject and new text together: what the message itself states.</summary>
    public string Stated { get; } = Subject.Length == 0 ? NewText : Subject + "\n" + NewText;
}
