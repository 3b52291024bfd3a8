using OpsHelm.Core.Records;

namespace OpsHelm.Core.Ports;

/// <summary>One page of a message search, newest first.</summary>
/// <param name="Items">The EmailEvents of this page.</param>
/// <param name="Next">Where the next page starts, or null when this is the last.</param>
public sealed record MessagePage(IReadOnlyList<EmailEvent> Items, MessageCursor? Next);
