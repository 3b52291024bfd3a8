using System.Text.Json;

namespace OpsHelm.Connectors;

/// <summary>Tolerant reads of provider JSON: a missing or mistyped property is null, never an exception.</summary>
internal static class JsonElementExtensions
{
    /// <summary>The string property <paramref name="name"/>, or null when absent, not a string or not valid UTF-8.</summary>
    public static string? StringProperty(this JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // The parser checks structure, not the bytes inside a string: invalid UTF-8 surfaces only when it is read.
            return null;
        }
    }
}
