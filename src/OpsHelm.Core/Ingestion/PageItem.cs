namespace OpsHelm.Core.Ingestion;

/// <summary>
/// One item of a pulled page as it travels through the orchestration: the key of the archived message, never its body.
/// </summary>
/// <param name="Position">Order within the run (the source's order).</param>
/// <param name="ResultId">The provider's message id, or <c>line:N</c> for an unreadable item.</param>
/// <param name="EventKey">The archived message's event key; null for an item that could not be read as a message.</param>
/// <param name="Wave">
/// Items of a page are processed wave by wave: an item shares no thread with another of its wave, and a reply is in a
/// later wave than the message it answers, so it finds its thread's ticket.
/// </param>
/// <param name="Failure">Why the item could not be read as a message (it becomes a ParseFailure exception).</param>
/// <param name="RawFingerprint">A fingerprint of the unreadable raw item, for its exception's id.</param>
public sealed record PageItem(int Position, string ResultId, string? EventKey, int Wave = 0, string? Failure = null, string? RawFingerprint = null);
