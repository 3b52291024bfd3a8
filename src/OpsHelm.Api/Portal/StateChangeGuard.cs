using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace OpsHelm.Api.Portal;

/// <summary>
/// What every state-changing portal route (triage, meeting dismissal, ingest) checks before it changes anything, in both hosts:
/// the body is declared <c>application/json</c> (415 otherwise: a form or <c>text/plain</c> POST is what another site can send
/// without a CORS preflight), and the request does not come from another site (403 on a cross-site <c>Sec-Fetch-Site</c>, or,
/// from a client that sends none, an <c>Origin</c> other than the request's own host).
/// </summary>
public static class StateChangeGuard
{
    /// <summary>The refusal of <paramref name="request"/>, or null when it may change state.</summary>
    public static ProblemHttpResult? Refusal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsCrossSite(request))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Cross-site request refused: state-changing routes answer only the portal's own origin.");
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be sent as Content-Type: application/json (an empty object {} when there is nothing to say).");
        }
        return null;
    }

    private static bool IsCrossSite(HttpRequest request)
    {
        // Browsers set Sec-Fetch-Site themselves and pages cannot forge it: when present it decides. "none" is the user's own
        // action (typed address, bookmark); "same-site" is a sibling subdomain, which is another app.
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase) && !site.Equals("none", StringComparison.OrdinalIgnoreCase);
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return true;
        }
        // Behind Static Web Apps or a proxy the function sees its own host; the forwarded host is the one the browser used.
        var authority = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        return !HostMatches(request.Host.Value, authority) && !HostMatches(request.Headers["X-Forwarded-Host"].ToString(), authority);
    }

    private static bool HostMatches(string? host, string authority) =>
        !string.IsNullOrEmpty(host) && host.Split(',')[0].Trim().Equals(authority, StringComparison.OrdinalIgnoreCase);
}
