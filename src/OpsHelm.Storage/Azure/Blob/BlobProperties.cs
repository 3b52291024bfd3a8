namespace OpsHelm.Storage.Azure.Blob;

/// <summary>What a HEAD or GET of a blob tells: its length, content type and metadata (names lower-case).</summary>
internal sealed record BlobProperties(long Length, string ContentType, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The properties in <paramref name="response"/>'s headers.</summary>
    public static BlobProperties From(HttpResponseMessage response)
    {
        var metadata = response.Headers
            .Where(h => h.Key.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key["x-ms-meta-".Length..].ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal);
        return new BlobProperties(
            response.Content.Headers.ContentLength ?? 0,
            response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream",
            metadata);
    }

    /// <summary>A metadata value, or null.</summary>
    public string? Meta(string name) => Metadata.TryGetValue(name, out var value) ? value : null;
}
