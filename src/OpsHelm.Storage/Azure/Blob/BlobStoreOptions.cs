using System.Text.RegularExpressions;

namespace OpsHelm.Storage.Azure.Blob;

/// <summary>Where and how attachments go to Blob storage (section <c>OpsHelm:Blob</c>).</summary>
public sealed partial record BlobStoreOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "OpsHelm:Blob";

    /// <summary>The Blob service endpoint: <c>https://{account}.blob.core.windows.net</c>, or Azurite's <c>http://127.0.0.1:10000/devstoreaccount1</c>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The storage account name (signed into user-delegation SAS links).</summary>
    public string AccountName { get; init; } = "";

    /// <summary>The account key (Azurite, keyed accounts); null means Entra ID bearer tokens and user-delegation SAS links.</summary>
    public string? AccountKey { get; init; }

    /// <summary>The user-assigned managed identity's client id, when Entra ID is used with one.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>The container attachments go in.</summary>
    public string Container { get; init; } = "attachments";

    /// <summary>Create the container at start-up when missing.</summary>
    public bool CreateContainerAtStartup { get; init; }

    /// <summary>The largest attachment stored or read back (25 MB by default).</summary>
    public long MaxAttachmentBytes { get; init; } = 25L * 1024 * 1024;

    /// <summary>Up to this size one Put Blob uploads the attachment; above it, the SDK streams Put Block + Put Block List.</summary>
    public int SingleUploadLimit { get; init; } = 4 * 1024 * 1024;

    /// <summary>The size of each block of a block upload.</summary>
    public int BlockSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>The SDK's retries after a 408, 429, 500, 502, 503, 504 or a failed connection.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first retry's delay; later ones back off exponentially (with jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest lifetime a read link may have.</summary>
    public TimeSpan MaxReadLinkLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every setting that is wrong.</summary>
    public BlobStoreOptions Validate()
    {
        var problems = new List<string>();
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{Section}:Endpoint is required (an absolute https URL)");
        }
        else if (Endpoint.Scheme == Uri.UriSchemeHttp && !Endpoint.IsLoopback)
        {
            problems.Add($"{Section}:Endpoint may be plain http only on a loopback address (Azurite)");
        }
        else if (!string.IsNullOrEmpty(Endpoint.Query))
        {
            problems.Add($"{Section}:Endpoint must not carry a query string (no SAS tokens in settings)");
        }
        if (!AccountNamePattern().IsMatch(AccountName))
        {
            problems.Add($"{Section}:AccountName must be 3–24 lower-case letters and digits");
        }
        if (AccountKey is { } key && !IsBase64(key))
        {
            problems.Add($"{Section}:AccountKey is not a base64 account key");
        }
        if (!ContainerPattern().IsMatch(Container) || Container.Contains("--", StringComparison.Ordinal))
        {
            problems.Add($"{Section}:Container must be 3–63 lower-case letters, digits and single hyphens");
        }
        if (MaxAttachmentBytes is < 1 or > 4L * 1024 * 1024 * 1024)
        {
            problems.Add($"{Section}:MaxAttachmentBytes must be 1 byte–4 GiB");
        }
        if (SingleUploadLimit is < 1 or > 256 * 1024 * 1024)
        {
            problems.Add($"{Section}:SingleUploadLimit must be 1 byte–256 MiB");
        }
        if (BlockSize is < 1 or > 100 * 1024 * 1024)
        {
            problems.Add($"{Section}:BlockSize must be 1 byte–100 MiB");
        }
        if (MaxRetries is < 0 or > 10)
        {
            problems.Add($"{Section}:MaxRetries must be 0–10");
        }
        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{Section}:RetryDelay must be 0–60 s");
        }
        if (MaxReadLinkLifetime <= TimeSpan.Zero || MaxReadLinkLifetime > TimeSpan.FromDays(7))
        {
            problems.Add($"{Section}:MaxReadLinkLifetime must be positive and at most 7 days (the user-delegation key's limit)");
        }
        return problems.Count == 0 ? this : throw new InvalidOperationException("Invalid Blob storage settings: " + string.Join("; ", problems) + ".");
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return value.Length > 0 && Convert.TryFromBase64String(value, buffer, out _);
    }

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountNamePattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$")]
    private static partial Regex ContainerPattern();
}
