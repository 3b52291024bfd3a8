namespace OpsHelm.Connectors.Graph;

/// <summary>The app-only credential for Graph; which fields are needed depends on <see cref="Kind"/>.</summary>
public sealed class GraphCredentialOptions
{
    /// <summary>Client secret, certificate or managed identity.</summary>
    public GraphCredentialKind Kind { get; set; } = GraphCredentialKind.ManagedIdentity;

    /// <summary>Entra tenant id (secret and certificate).</summary>
    public string? TenantId { get; set; }

    /// <summary>App registration's client id (secret and certificate); for a managed identity, the user-assigned identity's client id, or empty for system-assigned.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (ClientSecret); never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Path of the certificate file with its private key (Certificate).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of a PFX certificate file, if any; never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>What is wrong with the settings, one line per problem; empty when they are valid. Names settings, never their secret values.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Kind is GraphCredentialKind.ClientSecret or GraphCredentialKind.Certificate)
        {
            if (string.IsNullOrWhiteSpace(TenantId))
            {
                problems.Add($"Credential.{nameof(TenantId)} is required for {Kind}");
            }
            if (string.IsNullOrWhiteSpace(ClientId))
            {
                problems.Add($"Credential.{nameof(ClientId)} is required for {Kind}");
            }
        }
        if (Kind == GraphCredentialKind.ClientSecret && string.IsNullOrWhiteSpace(ClientSecret))
        {
            problems.Add($"Credential.{nameof(ClientSecret)} is required for ClientSecret");
        }
        if (Kind == GraphCredentialKind.Certificate && string.IsNullOrWhiteSpace(CertificatePath))
        {
            problems.Add($"Credential.{nameof(CertificatePath)} is required for Certificate");
        }
        if (!Enum.IsDefined(Kind))
        {
            problems.Add($"Credential.{nameof(Kind)} must be ClientSecret, Certificate or ManagedIdentity");
        }
        return problems;
    }
}
