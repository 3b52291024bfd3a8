namespace OpsHelm.Api.Hosting;

/// <summary>Where the standalone app finds the built portal (section <c>OpsHelm:Portal</c>).</summary>
public sealed class PortalOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpsHelm:Portal";

    /// <summary>The built portal (a folder holding index.html); unset means the repository's src/portal/dist when present, "off" disables serving.</summary>
    public string? Directory { get; set; }

    /// <summary>The problems with these settings, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory) || IsOff)
        {
            return [];
        }
        return File.Exists(Path.Combine(Directory, "index.html"))
            ? []
            : [$"{Section}:Directory '{Directory}' holds no index.html; build the portal (cd src/portal && npm ci && npm run build) or set it to \"off\""];
    }

    /// <summary>True when serving the portal is switched off explicitly.</summary>
    public bool IsOff => string.Equals(Directory?.Trim(), "off", StringComparison.OrdinalIgnoreCase);
}
