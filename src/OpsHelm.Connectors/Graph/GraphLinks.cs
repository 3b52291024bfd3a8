namespace OpsHelm.Connectors.Graph;

/// <summary>Checks on the next and delta links Graph hands back before they are followed or saved.</summary>
internal static class GraphLinks
{
    /// <summary>
    /// <paramref name="link"/> when it points at the same scheme, host and port as <paramref name="baseUrl"/>; otherwise
    /// throws, so a tampered answer can neither send our token elsewhere nor become a checkpoint.
    /// </summary>
    public static string? Trusted(string? link, string baseUrl)
    {
        if (link is null)
        {
            return null;
        }
        var expected = new Uri(baseUrl);
        if (link.Length > 8192 || !Uri.TryCreate(link, UriKind.Absolute, out var uri)
            || uri.Scheme != expected.Scheme || !uri.Host.Equals(expected.Host, StringComparison.OrdinalIgnoreCase) || uri.Port != expected.Port)
        {
            throw new GraphPayloadException("Graph returned a paging link outside the Graph base URL");
        }
        return link;
    }
}
