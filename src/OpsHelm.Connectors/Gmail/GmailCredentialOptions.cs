namespace OpsHelm.Connectors.Gmail;

/// <summary>How the Gmail connector authenticates, bound from the <c>Gmail:Credential</c> configuration section. Secrets come from Key Vault.</summary>
public sealed class GmailCredentialOptions
{
    /// <summary>Read-only access to mail.</summary>
    public const string ReadonlyScope = "https://www.googleapis.com/auth/gmail.readonly";

    /// <summary><c>OAuth</c> (a user's refresh token) or <c>ServiceAccount</c> (domain-wide delegation).</summary>
    public string Mode { get; set; } = "OAuth";

    /// <summary>OAuth client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth client secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The mailbox owner's refresh token (OAuth mode).</summary>
    public string? RefreshToken { get; set; }

    /// <summary>The service account's client email (ServiceAccount mode).</summary>
    public string? ServiceAccountEmail { get; set; }

    /// <summary>The service account's PKCS#8 private key in PEM form (ServiceAccount mode).</summary>
    public string? PrivateKey { get; set; }

    /// <summary>Google's token endpoint.</summary>
    public Uri TokenServerUrl { get; set; } = new("https://oauth2.googleapis.com/token");

    /// <summary>Scopes asked for.</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [ReadonlyScope];

    /// <summary>True for service-account mode.</summary>
    public bool IsServiceAccount => string.Equals(Mode, "ServiceAccount", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every missing or wrong setting (never its value).</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (!IsServiceAccount && !string.Equals(Mode, "OAuth", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("Gmail:Credential:Mode must be OAuth or ServiceAccount");
        }
        else if (IsServiceAccount)
        {
            Require(ServiceAccountEmail, "ServiceAccountEmail");
            if (string.IsNullOrWhiteSpace(PrivateKey) || !PrivateKey.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                problems.Add("Gmail:Credential:PrivateKey must be a PEM private key");
            }
        }
        else
        {
            Require(ClientId, "ClientId");
            Require(ClientSecret, "ClientSecret");
            Require(RefreshToken, "RefreshToken");
        }
        if (!TokenServerUrl.IsAbsoluteUri || (TokenServerUrl.Scheme != Uri.UriSchemeHttps && !TokenServerUrl.IsLoopback))
        {
            problems.Add("Gmail:Credential:TokenServerUrl must be an absolute https URL");
        }
        if (Scopes.Count == 0)
        {
            problems.Add("Gmail:Credential:Scopes must name at least one scope");
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid Gmail credential settings: " + string.Join("; ", problems));
        }

        void Require(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"Gmail:Credential:{name} is required in {Mode} mode");
            }
        }
    }
}
