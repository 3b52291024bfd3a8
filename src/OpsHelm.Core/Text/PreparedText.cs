namespace OpsHelm.Core.Text;

/// <summary>A message's text made ready for matching: the subject, the new text above any quote, and the quoted rest.</summary>
/// <param name="subject">The subject, trimmed.</param>
/// <param name="newText">What the sender wrote in this message.</param>
/// <param name="quotedText">Quoted or forwarded text below the new text (may be empty).</param>
/// <param name="truncated">Whether the body was cut at the size limit.</param>
public sealed class PreparedText(string subject, string newText, string quotedText, bool truncated)
{
    /// <summary>The subject, trimmed.</summary>
    public string Subject { get; } = subject;

    /// <summary>What the sender wrote in this message.</summary>
    public string NewText { get; } = newText;

    /// <summary>Quoted or forwarded text below the new text (may be empty).</summary>
    public string QuotedText { get; } = quotedText;

    /// <summary>Whether the body was cut at the size limit.</summary>
    public bool Truncated { get; } = truncated;

    /// <summary>Subject and new text together: what the message itself states. Made on first use; most messages never need it.</summary>
    public string Stated => field ??= Subject.Length == 0 ? NewText : Subject + "\n" + NewText;
}
