namespace OpsHelm.Connectors.WhatsApp;

/// <summary>The WhatsApp Cloud API webhook and media settings, bound from the <c>WhatsApp</c> configuration section. Secrets come from Key Vault.</summary>
public sealed class WhatsAppOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "WhatsApp";

    /// <summary>The Meta app secret that signs every delivery (X-Hub-Signature-256).</summary>
    public string? AppSecret { get; set; }

    /// <summary>The token Meta echoes in the verification GET.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>The system-user access token used to fetch media.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The Graph API root media ids are resolved against (tests point it at a fake).</summary>
    public Uri GraphBaseUrl { get; set; } = new("https://graph.facebook.com/v21.0/");

    /// <summary>Hosts media may be downloaded from with the access token, besides the Graph API's own host.</summary>
    public IReadOnlyList<string> AllowedMediaHosts { get; set; } = ["lookaside.fbsbx.com"];

    /// <summary>Deliveries larger than this are refused unread.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Media larger than this is not downloaded: recorded without content and rejected by the pipeline.</summary>
    public long MaxMediaBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Retries of a throttled or failed media call.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay when Meta names none.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every setting that is wrong (never its value).</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(AppSecret))
        {
            problems.Add("WhatsApp:AppSecret is required: deliveries cannot be verified without it");
        }
        if (string.IsNullOrEmpty(VerifyToken))
        {
            problems.Add("WhatsApp:VerifyToken is required");
        }
        if (!GraphBaseUrl.IsAbsoluteUri || (GraphBaseUrl.Scheme != Uri.UriSchemeHttps && !GraphBaseUrl.IsLoopback) || !GraphBaseUrl.AbsolutePath.EndsWith('/'))
        {
            problems.Add("WhatsApp:GraphBaseUrl must be an absolute https URL ending with '/'");
        }
        if (MaxBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            problems.Add($"WhatsApp:MaxBodyBytes must be 1 KiB–16 MiB (was {MaxBodyBytes})");
        }
        if (MaxMediaBytes < 1)
        {
            problems.Add($"WhatsApp:MaxMediaBytes must be positive (was {MaxMediaBytes})");
        }
        if (MaxRetries is < 0 or > 10)
        {
            problems.Add($"WhatsApp:MaxRetries must be 0–10 (was {MaxRetries})");
        }
        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay <= TimeSpan.Zero || RetryBaseDelay > MaxRetryDelay)
        {
            problems.Add("WhatsApp:RetryBaseDelay must be non-negative and not above a positive WhatsApp:MaxRetryDelay");
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid WhatsApp settings: " + string.Join("; ", problems));
        }
    }
}
