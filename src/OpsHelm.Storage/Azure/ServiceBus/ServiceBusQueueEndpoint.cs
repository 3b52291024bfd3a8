namespace OpsHelm.Storage.Azure.ServiceBus;

/// <summary>
/// Where a queue's messages are posted: <c>https://{namespace}/{queue}/messages</c>. The namespace is a host name
/// (<c>sb-x.servicebus.windows.net</c>) or an absolute URI; plain http is accepted only on loopback (a local fake), since
/// the request carries a bearer token.
/// </summary>
public static class ServiceBusQueueEndpoint
{
    /// <summary>The messages URI of <paramref name="queue"/> in <paramref name="serviceBusNamespace"/>; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static Uri MessagesUri(string serviceBusNamespace, string queue)
    {
        if (string.IsNullOrWhiteSpace(serviceBusNamespace))
        {
            throw new ArgumentException("The Service Bus namespace is empty.", nameof(serviceBusNamespace));
        }
        if (string.IsNullOrWhiteSpace(queue) || queue.Length > 260 || queue.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            throw new ArgumentException($"'{queue}' is not a Service Bus queue name (letters, digits, '-', '_', '.', '/').", nameof(queue));
        }
        var text = serviceBusNamespace.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.Query))
        {
            throw new ArgumentException($"'{serviceBusNamespace}' is not a Service Bus namespace host name or https URI.", nameof(serviceBusNamespace));
        }
        if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            throw new ArgumentException($"'{serviceBusNamespace}' uses http: bearer tokens go only over https (http is for a loopback fake).", nameof(serviceBusNamespace));
        }
        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + queue.Trim('/') + "/messages");
    }
}
