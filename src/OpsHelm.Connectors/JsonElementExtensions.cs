using System.Text.Json;

namespace OpsHelm.Connectors;

/// <summary>Tolerant reads of provider JSON: a missing or mistyped property is null, never an exception.</summary>
internal static class JsonElementExtensions
{
    /// <summary>The string property <paramref name="name"/>, or null when absent or not a string.</summary>
    public static string? StringProperty(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
