namespace OpsHelm.Connectors.Gmail;

/// <summary>How Pub/Sub pushes of Gmail watches are checked, bound from the <c>Gmail:Push</c> configuration section.</summary>
public sealed class GmailPushOptions
{
    /// <summary>Whether the push's OIDC token is required and verified (only a local emulator may turn it off).</summary>
    public bool VerifyToken { get; set; } = true;

    /// <summary>The audience the push subscription puts in its tokens (usually the push endpoint URL).</summary>
    public string? Audience { get; set; }

    /// <summary>The service account the push subscription signs as; the token's <c>email</c> claim must be it.</summary>
    public string? ServiceAccountEmail { get; set; }

    /// <summary>Google's signing keys (JWKS).</summary>
    public Uri JwksUrl { get; set; } = new("https://www.googleapis.com/oauth2/v3/certs");

    /// <summary>How long fetched signing keys are used before they are fetched again.</summary>
    public TimeSpan KeysLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Pushes larger than this are refused unread.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every setting that is wrong.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (VerifyToken && string.IsNullOrWhiteSpace(Audience))
        {
            problems.Add("Gmail:Push:Audience is required when Gmail:Push:VerifyToken is on");
        }
        if (VerifyToken && string.IsNullOrWhiteSpace(ServiceAccountEmail))
        {
            problems.Add("Gmail:Push:ServiceAccountEmail is required when Gmail:Push:VerifyToken is on");
        }
        if (!JwksUrl.IsAbsoluteUri || (JwksUrl.Scheme != Uri.UriSchemeHttps && !JwksUrl.IsLoopback))
        {
            problems.Add("Gmail:Push:JwksUrl must be an absolute https URL");
        }
        if (KeysLifetime <= TimeSpan.Zero)
        {
            problems.Add("Gmail:Push:KeysLifetime must be positive");
        }
        if (MaxBodyBytes is < 1024 or > 10 * 1024 * 1024)
        {
            problems.Add($"Gmail:Push:MaxBodyBytes must be 1 KiB–10 MiB (was {MaxBodyBytes})");
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid Gmail push settings: " + string.Join("; ", problems));
        }
    }
}
