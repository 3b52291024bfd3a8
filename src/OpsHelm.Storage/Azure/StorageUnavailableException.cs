using Azure;

namespace OpsHelm.Storage.Azure;

/// <summary>An Azure Storage endpoint (Blob or Table) did not answer: the message names the endpoint and what was being done.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>True when <paramref name="exception"/> means no answer came back (refused, reset, timed out) after the SDK's own retries.</summary>
    public static bool Is(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } => true,
        HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(Is),
        _ => false,
    };

    /// <summary>The error for <paramref name="service"/> at <paramref name="endpoint"/> failing while doing <paramref name="operation"/>.</summary>
    public static StorageUnavailableException For(string service, Uri endpoint, string operation, Exception exception)
    {
        var cause = exception;
        while (cause.InnerException is { } inner)
        {
            cause = inner;
        }
        // The endpoint is a setting without secrets (settings carry no SAS); the cause is the socket's own words.
        var where = endpoint.GetLeftPart(UriPartial.Path);
        return new StorageUnavailableException($"{service} at {where} could not be reached while {operation}: {cause.Message}", exception);
    }
}
