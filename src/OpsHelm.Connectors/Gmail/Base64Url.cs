namespace OpsHelm.Connectors.Gmail;

/// <summary>Gmail's body and attachment encoding: URL-safe base64, padding optional.</summary>
internal static class Base64Url
{
    /// <summary>The bytes of <paramref name="text"/>, or null when it is not base64url (or plain base64).</summary>
    public static byte[]? Decode(string text)
    {
        var normalized = text.Trim().Replace('-', '+').Replace('_', '/');
        normalized = normalized.PadRight(normalized.Length + ((4 - normalized.Length % 4) % 4), '=');
        var buffer = new byte[normalized.Length / 4 * 3];
        return Convert.TryFromBase64String(normalized, buffer, out var written) ? buffer[..written] : null;
    }
}
