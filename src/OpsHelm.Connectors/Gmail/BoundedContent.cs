namespace OpsHelm.Connectors.Gmail;

/// <summary>Reads a provider's response body without ever holding more than a set number of bytes.</summary>
internal static class BoundedContent
{
    /// <summary>The body's bytes; throws <see cref="ResponseTooLargeException"/> once it passes <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw new ResponseTooLargeException(declared, maxBytes);
        }
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new ResponseTooLargeException(buffer.Length + read, maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

/// <summary>A response body was larger than the connector reads.</summary>
public sealed class ResponseTooLargeException(long size, long limit)
    : Exception($"the response is at least {size} bytes, over the {limit}-byte limit")
{
    /// <summary>The limit that was passed.</summary>
    public long Limit { get; } = limit;
}
