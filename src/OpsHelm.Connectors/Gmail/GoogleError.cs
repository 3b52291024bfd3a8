using System.Text.Json;

namespace OpsHelm.Connectors.Gmail;

/// <summary>A Google API error body: <c>{"error":{"code":404,"message":"…","status":"NOT_FOUND","errors":[{"reason":"…"}]}}</c>.</summary>
/// <param name="Message">The provider's message, cut short.</param>
/// <param name="Status">The canonical status (NOT_FOUND, PERMISSION_DENIED …).</param>
/// <param name="Reason">The first <c>errors[].reason</c>, else the status.</param>
internal sealed record GoogleError(string? Message, string? Status, string? Reason)
{
    private const int MaxMessageChars = 300;

    /// <summary>The error of <paramref name="body"/>; all null when it is not a Google error body.</summary>
    public static GoogleError Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return new GoogleError(null, null, null);
            }
            var message = error.StringProperty("message");
            var status = error.StringProperty("status");
            string? reason = null;
            if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                reason = errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
                    .Select(e => e.StringProperty("reason")).FirstOrDefault(r => r is not null);
            }
            if (message is { Length: > MaxMessageChars })
            {
                message = message[..MaxMessageChars] + "…";
            }
            return new GoogleError(message, status, reason ?? status);
        }
        catch (JsonException)
        {
            return new GoogleError(null, null, null);
        }
    }
}
