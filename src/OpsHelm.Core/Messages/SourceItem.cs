namespace OpsHelm.Core.Messages;

/// <summary>One item read from a source: a message, or a line that could not be read as one.</summary>
/// <param name="Position">1-based position in the source (line number for JSON Lines).</param>
/// <param name="Message">The message, when it could be read.</param>
/// <param name="Failure">Why it could not be read, naming the file and line.</param>
/// <param name="RawFingerprint">A hash of the raw item, so a failure is recorded once however often it is re-read.</param>
public sealed record SourceItem(int Position, InboundMessage? Message, string? Failure = null, string? RawFingerprint = null)
{
    /// <summary>Where the item was read, for result lines: a file name, and the index within an mbox.</summary>
    public string? Origin { get; init; }

    /// <summary>The result id of a failure when the source names one (a raw-mail source); otherwise <c>line:n</c>.</summary>
    public string? FailureId { get; init; }

    /// <summary>The id a result line uses: the message id, or the failure id (<c>line:n</c> by default) for a failure.</summary>
    public string ResultId => Message?.ProviderMessageId ?? FailureId ?? $"line:{Position}";
}
