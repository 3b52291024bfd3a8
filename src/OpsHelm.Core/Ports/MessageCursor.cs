namespace OpsHelm.Core.Ports;

/// <summary>Where a page of messages ended: the sent time and event key of its last item (the order is newest first).</summary>
/// <param name="SentAt">The last item's sent time.</param>
/// <param name="EventKey">The last item's event key.</param>
public sealed record MessageCursor(DateTimeOffset SentAt, string EventKey);
