using System.Net;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace OpsHelm.Connectors.Graph;

/// <summary>What a failed Graph call means for the connector.</summary>
internal static class GraphFailures
{
    private static readonly string[] SyncStateCodes = ["syncStateNotFound", "syncStateInvalid", "resyncRequired"];

    /// <summary>Graph lost or rejected the delta token: 410 Gone, or an error naming the sync state.</summary>
    public static bool IsSyncStateLost(Exception ex) =>
        ex is ApiException api && (api.ResponseStatusCode == (int)HttpStatusCode.Gone
            || (Code(ex) is { } code && SyncStateCodes.Contains(code, StringComparer.OrdinalIgnoreCase)));

    /// <summary>Graph refused the credential or its permissions (401/403).</summary>
    public static bool IsCredentialRejected(Exception ex) =>
        ex is ApiException { ResponseStatusCode: (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden }
        || ex is Azure.Identity.AuthenticationFailedException;

    /// <summary>The item is not there (any more).</summary>
    public static bool IsNotFound(Exception ex) => ex is ApiException { ResponseStatusCode: (int)HttpStatusCode.NotFound };

    /// <summary>True for the failures a source reports and survives (HTTP and payload errors, not bugs or cancellation).</summary>
    public static bool IsProviderFailure(Exception ex) =>
        ex is ApiException or HttpRequestException or GraphPayloadException or System.Text.Json.JsonException
        // No token: a wrong secret or tenant, or no managed identity where one was configured.
        or Azure.Identity.AuthenticationFailedException or Azure.RequestFailedException
        || (ex is TaskCanceledException && ex.InnerException is TimeoutException);

    /// <summary>The failure in words: status and Graph's error code, never the request's URL (it may carry tokens).</summary>
    public static string Describe(Exception ex) => ex switch
    {
        ApiException api => Code(ex) is { } code ? $"HTTP {api.ResponseStatusCode} ({Clip(code)})" : $"HTTP {api.ResponseStatusCode}",
        HttpRequestException http => $"connection failed: {http.HttpRequestError}",
        GraphPayloadException payload => payload.Message,
        TaskCanceledException { InnerException: TimeoutException } => "the request timed out",
        System.Text.Json.JsonException => "Graph returned a body that is not valid JSON",
        Azure.Identity.CredentialUnavailableException => "no token: the configured credential is not available on this host",
        Azure.Identity.AuthenticationFailedException => "no token: the identity platform refused the credential",
        Azure.RequestFailedException request => $"no token: HTTP {request.Status}",
        _ => ex.GetType().Name,
    };

    private static string? Code(Exception ex) => (ex as ODataError)?.Error?.Code;

    private static string Clip(string value) => value.Length <= 80 ? value : value[..80];
}
