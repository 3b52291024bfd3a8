using System.Text;
using System.Text.Json;

namespace OpsHelm.Api.Access;

/// <summary>Reads the Static Web Apps principal header (base64 JSON), bounded and strict: anything malformed is no principal.</summary>
public static class ClientPrincipalReader
{
    /// <summary>The header Static Web Apps sets on requests it forwards to the linked backend.</summary>
    public const string HeaderName = "x-ms-client-principal";

    // A real principal is a few hundred bytes; a bigger header is not one.
    private const int MaxHeaderLength = 16 * 1024;

    /// <summary>The principal in <paramref name="header"/>, or null when it is absent or malformed.</summary>
    public static ClientPrincipal? Read(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return null;
        }
        var buffer = new byte[header.Length];
        if (!Convert.TryFromBase64String(header.Trim(), buffer, out var length))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var userId = Text(root, "userId");
            var provider = Text(root, "identityProvider");
            if (userId is null || provider is null)
            {
                return null;
            }
            var roles = new List<string>();
            if (root.TryGetProperty("userRoles", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var role in list.EnumerateArray())
                {
                    if (role.ValueKind == JsonValueKind.String && role.GetString() is { Length: > 0 and <= 256 } name)
                    {
                        roles.Add(name);
                    }
                }
            }
            return new ClientPrincipal(provider, userId, Text(root, "userDetails") ?? userId, roles);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8 (the parser checks structure, not string bytes).
            return null;
        }
    }

    /// <summary>The header value Static Web Apps would send for <paramref name="principal"/> (tests and the development principal).</summary>
    public static string Write(ClientPrincipal principal) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        identityProvider = principal.IdentityProvider,
        userId = principal.UserId,
        userDetails = principal.UserDetails,
        userRoles = principal.Roles,
    })));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 512 } text
            ? text
            : null;
}
