namespace OpsHelm.Storage.Azure.ServiceBus;

/// <summary>One message to send: a text body and the broker properties OpsHelm sets.</summary>
/// <param name="Body">The body (JSON text).</param>
/// <param name="MessageId">The message id (traceable, not deduplicated unless the queue detects duplicates).</param>
/// <param name="SessionId">The session: messages of one session are delivered in order, one at a time.</param>
/// <param name="ScheduledEnqueueTime">Not delivered before this; null delivers at once.</param>
public sealed record ServiceBusOutgoingMessage(string Body, string MessageId, string? SessionId = null, DateTimeOffset? ScheduledEnqueueTime = null);
