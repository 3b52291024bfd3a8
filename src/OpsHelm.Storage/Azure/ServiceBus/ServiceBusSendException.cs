using System.Net;

namespace OpsHelm.Storage.Azure.ServiceBus;

/// <summary>Service Bus refused a send (after retries for transient failures); names the queue and the status, never the token.</summary>
public sealed class ServiceBusSendException(string message, HttpStatusCode? status, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status Service Bus answered, or null when no answer came.</summary>
    public HttpStatusCode? Status { get; } = status;
}
